import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { plan } from '../../src/cli/fast/plan.js';
import { run } from '../../src/cli/fast/run.js';
import { validate } from '../../src/cli/fast/validate.js';
import { parseFastArgv } from '../../src/cli/fast-argv.js';
import Plan from '../../src/commands/plan.js';
import Run from '../../src/commands/run.js';
import Validate from '../../src/commands/validate.js';
import { ROOT, runCli, type CliResult } from '../helpers/cli.js';

/** The same command through oclif alone (dist/commands/<command>.js), as every command but validate and plan starts; its root is the package (bin/ has a package.json of its own). */
function runOclif(args: string[], cwd = ROOT): Promise<CliResult> {
  const oclifCore = pathToFileURL(join(ROOT, 'node_modules/@oclif/core/lib/index.js')).href;
  const script = `const { execute } = await import(${JSON.stringify(oclifCore)}); await execute({ dir: ${JSON.stringify(ROOT)}, args: ${JSON.stringify(args)} }); process.exit();`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

const invalid = () => {
  const file = join(mkdtempSync(join(tmpdir(), 'gameday-fast-')), 'bad.yaml');
  writeFileSync(file, readFileSync(join(ROOT, 'scenarios/catalog-cpu-stress.yaml'), 'utf8').replace('duration: PT10M', 'duration: 10'));
  return file;
};

describe('validate, plan and run start without oclif, and answer exactly as through oclif', () => {
  it('the fast start reads the same flags as the oclif commands (besides --json)', () => {
    expect(Object.keys(validate.flags).sort()).toEqual(Object.keys(Validate.flags).sort());
    expect(Object.keys(plan.flags).sort()).toEqual(Object.keys(Plan.flags).sort());
    expect(Object.keys(run.flags).sort()).toEqual(Object.keys(Run.flags).sort());
    for (const [fast, oclif] of [[validate, Validate], [plan, Plan], [run, Run]] as const) {
      for (const [name, flag] of Object.entries(fast.flags)) {
        const declared = (oclif.flags as Record<string, { default?: unknown; type: string; exclusive?: string[]; dependsOn?: string[] }>)[name]!;
        // A default oclif computes (the project config's reportsDir) is the fast command's to compute.
        if (typeof declared.default !== 'function') expect(flag.default, name).toEqual(declared.default);
        expect(flag.boolean ? 'boolean' : 'option', name).toBe(declared.type);
        expect(flag.exclusive, name).toEqual(declared.exclusive);
        // Given, a flag the fast start leaves to oclif sends argv there: what it depends on is oclif's to check.
        if (!flag.oclifOnly) expect(flag.dependsOn, name).toEqual(declared.dependsOn);
      }
    }
    expect(run.args).toBe(Object.values(Run.args).filter((a) => a.required).length);
  });

  it('leaves to oclif what it does not understand: help, unknown, short, repeated flags, missing or bad values, --', () => {
    for (const argv of [['--help'], ['-h'], ['--sandbx'], ['--fromat', 'md'], ['--format'], ['--format', 'yaml'], ['--format=md', '--format', 'text'], ['--format', '--json'], ['--format='], ['--', 'x'], ['-'], ['--json', '--json'], ['--constructor', 'x'], ['--iam-policy=yes'], ['--iam-policy', '--format', 'md'], ['--out', 'o', '--iam-policy']]) {
      expect(parseFastArgv(argv, plan.flags), argv.join(' ')).toBeUndefined();
    }
    expect(parseFastArgv(['a.yaml', '--format=md', '--json', 'b.yaml', '--out', 'o'], plan.flags)).toEqual({ args: ['a.yaml', 'b.yaml'], flags: { format: 'markdown', out: 'o' }, json: true });
  });

  it('runs from bundles that hold no oclif', () => {
    for (const name of ['validate', 'plan', 'run']) expect(readFileSync(join(ROOT, `dist/bundle/commands/${name}.cjs`), 'utf8')).not.toMatch(/@oclif\/core|oclif\.manifest/);
  });

  const bad = invalid();
  const cases: string[][] = [
    ['validate', 'scenarios/'],
    ['validate', 'scenarios/checkout-az-power.yaml', '--json'],
    ['validate', bad],
    ['validate', bad, '--format', 'github'],
    ['validate', bad, '--json'],
    ['validate', 'scenarios/nope.yaml'],
    ['validate', 'scenarios/nope.yaml', '--json'],
    ['validate', '--format=json', 'scenarios/catalog-cpu-stress.yaml'],
    ['validate', '--fromat', 'md'],
    ['validate', '--format', 'jsno'],
    ['plan', 'scenarios/catalog-cpu-stress.yaml'],
    ['plan', 'scenarios/catalog-cpu-stress.yaml', '--format', 'md'],
    ['plan', 'scenarios/checkout-az-power.yaml', '--json'],
    ['plan', bad, '--format', 'github'],
    ['plan', bad, '--json'],
    ['plan', 'scenarios/', '--changed-since', 'no-such-ref-anywhere'],
    ['plan', '--sandbx'],
    ['plan', 'scenarios/checkout-az-power.yaml', '--iam-policy'],
    ['plan', 'scenarios/checkout-az-power.yaml', 'scenarios/catalog-cpu-stress.yaml', '--iam-policy', '--json'],
    ['plan', 'scenarios/checkout-az-power.yaml', '--iam-policy', '--format', 'md'],
    ['run', 'scenarios/nope.yaml', '--sandbox', '--yes'],
    ['run', 'scenarios/nope.yaml', '--sandbox', '--yes', '--json'],
    ['run', '--sandbox', '--yes'],
    ['run', 'scenarios/checkout-az-power.yaml', 'scenarios/catalog-cpu-stress.yaml', '--sandbox'],
    ['run', 'scenarios/checkout-az-power.yaml', '--world', 'scenarios/worlds/multi-az-checkout.yaml'],
    ['run', 'scenarios/checkout-az-power.yaml', '--sandbox', '--speed', 'fast', '--yes'],
    ['run', 'scenarios/checkout-az-power.yaml', '--sandbox', '--clock-start', 'yesterday', '--yes', '--json'],
    ['run', 'scenarios/checkout-az-power.yaml', '--sandbox', '--yes', '--reports-dir', 'package.json'],
    ['run', 'scenarios/checkout-az-power.yaml', '--sandbox', '--check-only', '--keep-template'],
  ];
  for (const args of cases) {
    it(`gameday ${args.join(' ').replace(bad, 'bad.yaml')}`, async () => {
      const [fast, oclif] = await Promise.all([runCli(args), runOclif(args)]);
      expect(fast.code).toBe(oclif.code);
      expect(fast.stdout).toBe(oclif.stdout);
      expect(fast.stderr).toBe(oclif.stderr);
    }, 60_000);
  }

  it('a game day on the embedded sandbox: the same exit code, --json result and report.json as through oclif', async () => {
    const dirs = [mkdtempSync(join(tmpdir(), 'gameday-fast-run-')), mkdtempSync(join(tmpdir(), 'gameday-oclif-run-'))] as const;
    const args = (dir: string) => ['run', 'scenarios/checkout-az-power.yaml', '--sandbox', '--yes', '--json', '--reports-dir', dir];
    const results = await Promise.all([runCli(args(dirs[0]), { timeoutMs: 120_000 }), runOclif(args(dirs[1]))]);
    const [fast, oclif] = results.map((result, i) => {
      const { runId, runDir } = JSON.parse(result.stdout) as { runId: string; runDir: string };
      // Only what differs between any two runs: the run id, its folder, the sandbox's port, wall-clock instants.
      const same = (text: string) => text.split(runId).join('RUN').split(dirs[i]!).join('DIR').replace(/127\.0\.0\.1:\d+/g, 'PORT').replace(/"(at|startedAt)": ?"[^"]*"/g, 'WALL').replace(/"pid": ?\d+/g, 'PID');
      return { code: result.code, stdout: same(result.stdout), report: same(readFileSync(join(runDir, 'report.json'), 'utf8')) };
    });
    expect(fast).toEqual(oclif);
    expect(fast!.code).toBe(0);
  }, 180_000);

  it('names the project config file under --json, as the oclif commands do', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gameday-fast-config-'));
    writeFileSync(join(dir, 'gameday.config.yaml'), 'reportsDir: somewhere\n');
    writeFileSync(join(dir, 'ok.yaml'), readFileSync(join(ROOT, 'scenarios/catalog-cpu-stress.yaml'), 'utf8'));
    const args = ['validate', 'ok.yaml', '--json'];
    const [fast, oclif] = await Promise.all([runCli(args, { cwd: dir }), runOclif(args, dir)]);
    expect(JSON.parse(fast.stdout).configFile).toBe(join(dir, 'gameday.config.yaml'));
    expect(fast.stdout).toBe(oclif.stdout);
    expect(fast.code).toBe(oclif.code);
  }, 60_000);
});
