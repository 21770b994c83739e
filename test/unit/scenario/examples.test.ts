import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile, requireScenario } from '../../../src/core/scenario/load.js';
import { EXAMPLES, writeText } from './fixtures.js';

describe('example scenarios', () => {
  it.each(EXAMPLES)('%s is valid', async (file) => {
    const result = await loadScenarioFile(file);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.ok).toBe(true);
    // Only a world that has not landed yet may warn.
    for (const warning of result.diagnostics) {
      expect(warning.code).toBe('WORLD_NOT_FOUND');
      expect(existsSync(join(dirname(file), warning.message.split('"')[1]!))).toBe(false);
    }
  });

  it.each(EXAMPLES)('%s points editors at the schema', (file) => {
    expect(readFileSync(file, 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=../schemas/scenario.schema.json');
  });

  it('covers every fault type, and at least two have a schedule', async () => {
    const loaded = await Promise.all(EXAMPLES.map(requireScenario));
    expect(loaded.map((l) => l.scenario.spec.fault.type).sort()).toEqual(['az-power-interruption', 'ec2-cpu-stress', 'ecs-task-kill', 'fis-template']);
    expect(loaded.filter((l) => l.scenario.spec.schedule).length).toBeGreaterThanOrEqual(2);
  });

  it('returns the file as written, with its hash', async () => {
    const loaded = await requireScenario(EXAMPLES[0]!);
    expect(loaded.scenario.metadata.name).toBe('checkout-az-power');
    expect(loaded.scenario.spec.recovery.settle).toBe('PT2M');
    expect(loaded.sourceHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('requireScenario throws SCENARIO_INVALID listing each problem as file:line:col', async () => {
    const file = writeText('bad.yaml', 'apiVersion: gameday/v1\nkind: GameDay\nmetadata: {name: x}\n');
    await expect(requireScenario(file)).rejects.toMatchObject({
      code: 'SCENARIO_INVALID',
      message: expect.stringContaining(`${file}:1:1  error  MISSING_FIELD  (top level) is missing the required field "spec"`),
    });
  });

  it('loadScenarioFile refuses a world file', async () => {
    const file = writeText('world.yaml', 'apiVersion: gameday/v1\nkind: World\n');
    const result = await loadScenarioFile(file);
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => d.code)).toContain('NOT_A_SCENARIO');
  });
});
