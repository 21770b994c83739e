import { readFile } from 'node:fs/promises';
import { Cron } from 'croner';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const doc = (path: string): Promise<string> => readFile(new URL(`../../../docs/ci/${path}`, import.meta.url), 'utf8');

describe('docs/ci examples', () => {
  it('crontab.example: one five-field line that runs `gameday schedule run-due --yes`', async () => {
    const lines = (await doc('crontab.example')).split('\n').filter((l) => l.trim() && !l.startsWith('#'));
    expect(lines).toHaveLength(1);
    const fields = lines[0]!.trim().split(/\s+/);
    expect(() => new Cron(fields.slice(0, 5).join(' '), { mode: '5-part', paused: true })).not.toThrow();
    expect(fields.slice(5).join(' ')).toMatch(/gameday schedule run-due --yes/);
  });

  it('github-actions-scheduled.yml: scheduled, runs run-due, uploads reports even on failure', async () => {
    const workflow = parse(await doc('github-actions-scheduled.yml')) as {
      on: { schedule: { cron: string }[] };
      jobs: Record<string, { steps: { run?: string; uses?: string; if?: string; with?: Record<string, unknown> }[] }>;
    };
    expect(() => new Cron(workflow.on.schedule[0]!.cron, { mode: '5-part', paused: true })).not.toThrow();
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
    const runDue = steps.findIndex((s) => s.run?.includes('gameday schedule run-due --yes'));
    expect(runDue).toBeGreaterThan(-1);
    // No continue-on-error: run-due's exit 1 (a finding) fails the job.
    expect(steps[runDue]).not.toHaveProperty('continue-on-error');
    const upload = steps.find((s) => s.uses?.startsWith('actions/upload-artifact'));
    expect(upload).toMatchObject({ if: 'always()', with: { path: 'reports/' } });
  });
});
