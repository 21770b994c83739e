import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import Plan from '../../../src/commands/plan.js';
import Validate from '../../../src/commands/validate.js';

interface Step {
  run?: string;
  uses?: string;
  if?: string;
  with?: Record<string, unknown>;
}

/** Long flags a shell line passes to `gameday <command>`. */
function flagsOf(line: string, command: string): string[] {
  const at = line.indexOf(`gameday ${command} `);
  return at < 0 ? [] : [...line.slice(at).matchAll(/\s--([a-z-]+)/g)].map((m) => m[1]!);
}

describe('docs/ci/github-actions-pr.yml', async () => {
  const workflow = parse(await readFile(new URL('../../../docs/ci/github-actions-pr.yml', import.meta.url), 'utf8')) as {
    on: { pull_request: unknown };
    jobs: Record<string, { steps: Step[] }>;
  };
  const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
  const runs = steps.flatMap((s) => (s.run ? [s.run.replace(/\\\n\s*/g, ' ')] : []));

  it('runs on pull requests with the full history (--changed-since diffs against the merge base)', () => {
    expect(workflow.on).toHaveProperty('pull_request');
    expect(steps.find((s) => s.uses?.startsWith('actions/checkout'))?.with).toMatchObject({ 'fetch-depth': 0 });
  });

  it('validates, then plans the changed scenarios as markdown into the step summary', () => {
    const validate = runs.findIndex((r) => r.includes('gameday validate'));
    const plan = runs.findIndex((r) => r.includes('gameday plan') && r.includes('GITHUB_STEP_SUMMARY'));
    expect(validate).toBeGreaterThan(-1);
    expect(plan).toBeGreaterThan(validate);
    expect(runs[plan]).toMatch(/--changed-since "origin\/\$\{\{ github\.base_ref \}\}"/);
    expect(runs[plan]).toContain('--format markdown');
  });

  it('uses only flags the commands declare', () => {
    const known = { plan: Object.keys(Plan.flags), validate: Object.keys(Validate.flags) };
    for (const run of runs) {
      for (const flag of flagsOf(run, 'plan')) expect(known.plan, flag).toContain(flag);
      for (const flag of flagsOf(run, 'validate')) expect(known.validate, flag).toContain(flag);
    }
    expect(runs.some((r) => flagsOf(r, 'plan').includes('out'))).toBe(true);
  });
});
