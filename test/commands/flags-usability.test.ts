import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

describe('flag typos get a did-you-mean', () => {
  it('--sandbx → --sandbox (exit 2, no oclif boilerplate)', async () => {
    const r = await runCli(['run', 'scenarios/checkout-az-power.yaml', '--sandbx']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('gameday: Nonexistent flag: --sandbx\n  hint: did you mean --sandbox? (see --help)\n');
  });

  it('--fromat → --format, on the fast validate path too', async () => {
    for (const command of [['validate'], ['plan'], ['schedule', 'export', '--eventbridge']]) {
      const r = await runCli([...command, 'scenarios/checkout-az-power.yaml', '--fromat', 'json']);
      expect(r.code, command.join(' ')).toBe(2);
      expect(r.stderr, command.join(' ')).toContain('did you mean --format?');
    }
  });

  it('a misspelt --format value names the one meant', async () => {
    const r = await runCli(['plan', 'scenarios/checkout-az-power.yaml', '--format', 'markdwn']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('gameday: --format markdwn: not one of text, markdown, github, json\n  hint: did you mean --format markdown?\n');
  });
});

describe('--format md', () => {
  it('is markdown for plan', async () => {
    const md = await runCli(['plan', 'scenarios/checkout-az-power.yaml', '--format', 'md']);
    const markdown = await runCli(['plan', 'scenarios/checkout-az-power.yaml', '--format', 'markdown']);
    expect(md.code, md.stderr).toBe(0);
    expect(md.stdout).toBe(markdown.stdout);
    expect(md.stdout).toMatch(/^## gameday plan/);
  });

  it('is markdown for actions list too (one alias table for every --format)', async () => {
    const md = await runCli(['actions', 'list', '--reports-dir', 'reports/examples', '--format', 'md']);
    const markdown = await runCli(['actions', 'list', '--reports-dir', 'reports/examples', '--format', 'markdown']);
    expect(md.code, md.stderr).toBe(0);
    expect(md.stdout).toBe(markdown.stdout);
    expect(md.stdout).toMatch(/^\| ID \| Status \|/);
  });
});

describe('schedule export takes --now like list, due and run-due', () => {
  it('--now and the old --from give the same calendar', async () => {
    const args = ['schedule', 'export', '--ics', 'test/fixtures/schedule/scenarios', '--days', '14'];
    const now = await runCli([...args, '--now', '2026-10-26T00:00:00Z']);
    const from = await runCli([...args, '--from', '2026-10-26T00:00:00Z']);
    expect(now.code, now.stderr).toBe(0);
    expect(now.stdout.match(/BEGIN:VEVENT/g)).toHaveLength(10);
    expect(from.stdout).toBe(now.stdout);
    const bad = await runCli([...args, '--now', '2026-10-26 10:00']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--now 2026-10-26 10:00: not an ISO 8601 date-time with a zone');
  });
});

describe('gameday init writes a $schema that resolves where the scenario is written', () => {
  const schemaOf = (file: string) => /^# yaml-language-server: \$schema=(\S+)\n/.exec(readFileSync(file, 'utf8'))![1]!;

  it('inside the repository holding the installed package: a relative path to an existing schema file', async () => {
    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    const dir = mkdtempSync(join(ROOT, 'test-results', 'init-'));
    mkdirSync(join(dir, 'team', 'scenarios'), { recursive: true });
    const out = join(dir, 'team', 'scenarios', 'az.yaml');
    const r = await runCli(['init', 'az-power-interruption', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const ref = schemaOf(out);
    expect(ref).not.toBe('../schemas/scenario.schema.json');
    expect(existsSync(resolve(dirname(out), ref))).toBe(true);
    expect((await runCli(['validate', out])).code).toBe(0);
    rmSync(dir, { recursive: true, force: true });
  });

  it('outside any repository with the package in it: the published schema of this version', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gameday-init-'));
    const r = await runCli(['init', 'ecs-task-kill', '--out', 'x.yaml'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(schemaOf(join(dir, 'x.yaml'))).toMatch(/^https:\/\/unpkg\.com\/gameday@\d+\.\d+\.\d+\/schemas\/scenario\.schema\.json$/);
  });
});
