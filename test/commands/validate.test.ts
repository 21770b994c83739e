import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { tempDir } from '../unit/scenario/fixtures.js';

/** No stack frames, no internal-error wording: bad input gets a message, not a crash. */
function expectNoCrash(result: { stdout: string; stderr: string }) {
  expect(`${result.stdout}${result.stderr}`).not.toMatch(/\n\s+at .+:\d+:\d+|internal error|TypeError|RangeError/);
}

const BAD_SCENARIO = `apiVersion: gameday/v1
kind: GameDay
metadata: {name: broken}
spec:
  target: {account: "123456789012", region: us-east-1, roleArn: "arn:aws:iam::123456789012:role/gameday-fis"}
  fault: {type: ec2-cpu-stress, targets: {tags: {Service: catalog}}, duraton: PT5M}
  stopConditions: [{alarm: a}]
  steadyState: [{name: ok, alarm: a}]
  recovery: {disruptionType: Zone}
`;

describe('gameday validate', () => {
  it('passes the whole scenarios/ folder, worlds included', async () => {
    const result = await runCli(['validate', 'scenarios/']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/\d+ files valid/);
    expectNoCrash(result);
  });

  it('defaults to scenarios/', async () => {
    const result = await runCli(['validate']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/\d+ files valid/);
  });

  it('prints every error as file:line:col  error  CODE  message and exits 2', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'broken.yaml'), BAD_SCENARIO);
    const result = await runCli(['validate', 'broken.yaml'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stdout.split('\n').slice(0, 2)).toEqual([
      'broken.yaml:6:70  error  UNKNOWN_FIELD  unknown field "duraton" in spec.fault (ec2-cpu-stress fault); did you mean "duration"?',
      'broken.yaml:9:30  error  INVALID_VALUE  spec.recovery.disruptionType: "Zone" is not one of Software, Hardware, AZ, Region',
    ]);
    expect(result.stdout).toContain('1 file of 1 invalid');
  });

  it('detection[].after must name an action of the experiment: an unknown one is an error at file:line:col, with a suggestion', async () => {
    const dir = tempDir();
    const scenario = readFileSync(join(ROOT, 'scenarios/checkout-reboot-fis-template.yaml'), 'utf8').replace(
      '  recovery:\n',
      '  detection:\n    - alarm: checkout-5xx-high\n      within: PT3M\n      after: Reboot-Instances\n  recovery:\n',
    );
    writeFileSync(join(dir, 'after.yaml'), scenario);
    const line = scenario.split('\n').findIndex((l) => l.includes('after: Reboot-Instances')) + 1;
    const result = await runCli(['validate', 'after.yaml'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(
      `after.yaml:${line}:14  error  PLAN_INVALID  detection[0].after "Reboot-Instances" is not an action of this experiment (did you mean "Reboot-Instance"?); its actions are Reboot-Instance, Watch`,
    );
    writeFileSync(join(dir, 'after.yaml'), scenario.replace('after: Reboot-Instances', 'after: Reboot-Instance'));
    expect((await runCli(['validate', 'after.yaml'], { cwd: dir })).stdout).not.toContain('PLAN_INVALID');
  });

  it('prints JSON with --json and with --format json', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'broken.yaml'), BAD_SCENARIO);
    for (const flags of [['--json'], ['--format', 'json']]) {
      const result = await runCli(['validate', 'broken.yaml', ...flags], { cwd: dir });
      expect(result.code).toBe(2);
      const report = JSON.parse(result.stdout);
      expect(report.valid).toBe(false);
      expect(report.summary).toEqual({ files: 1, valid: 0, invalid: 1, errors: 2, warnings: 0 });
      expect(report.files[0].diagnostics[0]).toMatchObject({ file: 'broken.yaml', line: 6, col: 70, severity: 'error', code: 'UNKNOWN_FIELD' });
    }
  });

  it('prints GitHub annotations with --format github', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'broken.yaml'), BAD_SCENARIO);
    const result = await runCli(['validate', 'broken.yaml', '--format', 'github'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stdout.split('\n')[0]).toBe(
      '::error file=broken.yaml,line=6,col=70,title=UNKNOWN_FIELD::unknown field "duraton" in spec.fault (ec2-cpu-stress fault); did you mean "duration"?',
    );
  });

  it('does not fail on warnings', async () => {
    const dir = tempDir();
    const text = BAD_SCENARIO.replace('duraton', 'duration').replace('Zone', 'AZ') + '  sandbox: {world: worlds/none.yaml}\n';
    writeFileSync(join(dir, 'warn.yaml'), text);
    const result = await runCli(['validate', 'warn.yaml', '--format', 'github'], { cwd: dir });
    expect(result.stdout).toContain('::warning file=warn.yaml,line=10');
    expect(result.code).toBe(0);
  });

  it('refuses hostile and broken files with a clear message per file, in one run', async () => {
    const dir = tempDir();
    const files: Record<string, string | Uint8Array> = {
      'syntax.yaml': 'a: [1, 2\nb: "open\n',
      'dup.yaml': 'a: 1\na: 2\n',
      'bomb.yaml': (() => {
        let text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
        for (const [name, prev] of ['ba', 'cb', 'dc', 'ed', 'fe', 'gf', 'hg', 'ih']) text += `${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]\n`;
        return text;
      })(),
      'proto.yaml': '__proto__:\n  polluted: yes\n',
      'ctor.yaml': 'constructor: {prototype: {x: 1}}\n',
      'binary.yaml': new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00]),
      'latin1.yaml': new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xe9, 0x0a]),
      'empty.yaml': '',
      'list.yaml': '- apiVersion: gameday/v1\n',
      'scalar.yaml': 'hello\n',
      'multi.yaml': 'apiVersion: gameday/v1\n---\nkind: GameDay\n',
      'big.yaml': new Uint8Array(50 * 1024 * 1024).fill(0x23),
      'deep-flow.yaml': '['.repeat(100_000) + ']'.repeat(100_000),
      'deep-block.yaml': `${'- '.repeat(100_000)}x\n`,
    };
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
    const result = await runCli(['validate', '.', '--json'], { cwd: dir, timeoutMs: 30_000 });
    expect(result.signal).toBeNull();
    expect(result.code).toBe(2);
    expectNoCrash(result);
    const report = JSON.parse(result.stdout);
    const codes = Object.fromEntries(report.files.map((f: { file: string; diagnostics: { code: string }[] }) => [f.file, f.diagnostics.map((d) => d.code)]));
    expect(codes).toEqual({
      'big.yaml': ['FILE_TOO_LARGE'],
      'binary.yaml': ['BINARY_CONTENT'],
      'bomb.yaml': ['ALIAS_LIMIT'],
      'ctor.yaml': ['FORBIDDEN_KEY', 'FORBIDDEN_KEY'],
      'deep-block.yaml': ['TOO_DEEP'],
      'deep-flow.yaml': ['TOO_DEEP'],
      'dup.yaml': ['YAML_DUPLICATE_KEY'],
      'empty.yaml': ['EMPTY_FILE'],
      'latin1.yaml': ['NOT_UTF8'],
      'list.yaml': ['NOT_A_MAPPING'],
      'multi.yaml': ['MULTIPLE_DOCUMENTS'],
      'proto.yaml': ['FORBIDDEN_KEY'],
      'scalar.yaml': ['NOT_A_MAPPING'],
      'syntax.yaml': expect.arrayContaining([expect.stringMatching(/^YAML_/)]),
    });
  });

  it('names the file in text output for hostile input', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'deep.yaml'), '['.repeat(100_000));
    const result = await runCli(['validate', 'deep.yaml'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/^deep\.yaml:1:\d+  error  TOO_DEEP  /);
    expectNoCrash(result);
  });

  it('exits 2 naming a missing path', async () => {
    const result = await runCli(['validate', 'scenarios/nope.yaml', 'missing-dir/']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('scenarios/nope.yaml');
    expect(result.stderr).toContain('missing-dir/');
    expectNoCrash(result);
  });

  it('exits 2 for a path that is not a regular file instead of hanging', async () => {
    const result = await runCli(['validate', '/dev/zero'], { timeoutMs: 20_000 });
    expect(result.signal).toBeNull();
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('/dev/zero:1:1  error  NOT_A_FILE');
  });

  it('runs from a bundle that holds no AWS SDK and no ajv compiler', async () => {
    const { readFileSync } = await import('node:fs');
    const bundle = readFileSync(join(ROOT, 'dist/bundle/commands/validate.cjs'), 'utf8');
    expect(bundle).not.toMatch(/@aws-sdk|smithy/);
    expect(bundle).not.toContain('ajv/dist/compile');
  });

  it('shows help through oclif', async () => {
    const result = await runCli(['validate', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--format');
    expect(result.stdout).toContain('validate scenarios/');
  });

  it('rejects an unknown flag with exit 2', async () => {
    const result = await runCli(['validate', 'scenarios/', '--strict-mode']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--strict-mode');
  });

  it('expands quoted globs itself', async () => {
    const result = await runCli(['validate', 'scenarios/checkout-*.yaml', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).files.map((f: { file: string }) => f.file)).toEqual([
      'scenarios/checkout-az-power.yaml',
      'scenarios/checkout-reboot-fis-template.yaml',
    ]);
  });

  it('dispatches on kind: World files go to the world schema', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'world.yaml'), 'apiVersion: gameday/v1\nkind: World\nnot-a-world-field: 1\n');
    writeFileSync(join(dir, 'other.yaml'), 'apiVersion: gameday/v1\nkind: Wrold\n');
    const result = await runCli(['validate', '.', '--json'], { cwd: dir });
    const report = JSON.parse(result.stdout);
    const world = report.files.find((f: { file: string }) => f.file === 'world.yaml');
    expect(world.kind).toBe('World');
    // The world schema comes from another branch; until it lands, world files are only parsed.
    if (existsSync('schemas/world.schema.json')) expect(world.valid).toBe(false);
    else expect(world.diagnostics.map((d: { code: string }) => d.code)).toEqual(['SCHEMA_UNAVAILABLE']);
    const other = report.files.find((f: { file: string }) => f.file === 'other.yaml');
    expect(other.diagnostics[0].message).toContain('did you mean "World"?');
  });
});
