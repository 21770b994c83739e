import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAULT_TYPES } from '../../src/core/scenario/init-templates.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../unit/scenario/fixtures.js';

describe('gameday init', () => {
  it.each(FAULT_TYPES)('writes a %s scenario that validates as written', async (type) => {
    const dir = tempDir();
    const file = join(dir, `${type}.yaml`);
    const init = await runCli(['init', type, '--out', file]);
    expect(init.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain(`type: ${type}`);
    const validate = await runCli(['validate', file]);
    expect(validate.stdout).toBe('1 file valid\n');
    expect(validate.code).toBe(0);
  });

  it('prints to stdout without --out', async () => {
    const result = await runCli(['init', 'ecs-task-kill']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^# yaml-language-server: \$schema=/);
    expect(result.stdout).toContain('type: ecs-task-kill');
  });

  it('does not overwrite a file without --force', async () => {
    const file = join(tempDir(), 'mine.yaml');
    writeFileSync(file, 'keep me\n');
    const result = await runCli(['init', 'fis-template', '--out', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('already exists');
    expect(readFileSync(file, 'utf8')).toBe('keep me\n');
  });

  it('rejects an unknown fault type with exit 2', async () => {
    const result = await runCli(['init', 'az-power']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('az-power-interruption');
  });
});
