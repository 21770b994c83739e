import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../../src/core/scenario/load.js';
import type { Diagnostic } from '../../../src/core/scenario/diagnostics.js';
import { writeScenario, writeText } from './fixtures.js';

async function errorsOf(file: string): Promise<Diagnostic[]> {
  const result = await loadScenarioFile(file);
  return result.diagnostics.filter((d) => d.severity === 'error');
}

describe('scenario schema', () => {
  it('reports every error in a file, each at its node', async () => {
    const file = writeText(
      'many.yaml',
      [
        'apiVersion: gameday/v1',
        'kind: GameDay',
        'metadata: {name: many}',
        'spec:',
        '  target: {account: 123456789012, region: us-east-1, roleArn: "arn:aws:iam::123456789012:role/r"}',
        '  fault: {type: ec2-cpu-stress, targets: {tags: {A: b}}, duraton: PT5M}',
        '  stopConditions: [{alarm: a}]',
        '  steadyState: [{name: ok, alarm: a}]',
        '  recovery: {disruptionType: Zone}',
        '',
      ].join('\n'),
    );
    const errors = await errorsOf(file);
    expect(errors.map((e) => [e.code, e.line])).toEqual([
      ['WRONG_TYPE', 5],
      ['UNKNOWN_FIELD', 6],
      ['INVALID_VALUE', 9],
    ]);
    expect(errors[0]!.hint).toContain('"123456789012"');
    // The misspelt key is reported once, as unknown with a suggestion, not again as a missing "duration".
    expect(errors[1]!.message).toContain('did you mean "duration"?');
    expect(errors[1]!.col).toBe(58);
  });

  it('reports rule violations alongside schema errors', async () => {
    const file = writeScenario((s) => {
      (s.spec.recovery as unknown as Record<string, unknown>).disruptionType = 'az';
      (s.spec.fault as { duration: string }).duration = 'PT13H';
      s.spec.steadyState.push({ name: 'checkout-ok', alarm: 'x' });
    });
    const errors = await errorsOf(file);
    expect(errors.map((e) => e.code).sort()).toEqual(['DUPLICATE_PROBE_NAME', 'DURATION_TOO_LONG', 'INVALID_VALUE']);
  });

  it('does not repeat a schema error as a rule violation', async () => {
    const file = writeScenario((s) => ((s.spec.fault as { duration: string }).duration = '30 minutes'));
    expect((await errorsOf(file)).map((e) => e.code)).toEqual(['INVALID_FORMAT']);
  });

  it('reports schema errors when the rules cannot make sense of the document', async () => {
    const file = writeScenario((s) => ((s.spec as unknown as Record<string, unknown>).steadyState = { name: 'ok' }));
    expect((await errorsOf(file)).map((e) => e.code)).toEqual(['WRONG_TYPE']);
  });

  it('suggests the closest key for a misspelt field, naming the fault type', async () => {
    const file = writeScenario((s) => {
      const fault = s.spec.fault as unknown as Record<string, unknown>;
      fault.availabilityZon = fault.availabilityZone;
      delete fault.availabilityZone;
    });
    const [error] = await errorsOf(file);
    expect(error).toMatchObject({ code: 'UNKNOWN_FIELD' });
    expect(error!.message).toBe('unknown field "availabilityZon" in spec.fault (az-power-interruption fault); did you mean "availabilityZone"?');
  });

  it('suggests the closest enum value', async () => {
    const file = writeScenario((s) => {
      (s.spec.fault as { type: string }).type = 'az-power-interuption';
    });
    const [error] = await errorsOf(file);
    expect(error).toMatchObject({ code: 'INVALID_VALUE' });
    expect(error!.message).toContain('did you mean "az-power-interruption"?');
  });

  it('judges fault fields against the declared fault type only', async () => {
    const file = writeScenario(
      (s) => {
        (s.spec.fault as unknown as Record<string, unknown>).availabilityZone = 'use1-az2';
      },
      'catalog-cpu-stress',
    );
    const errors = await errorsOf(file);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toContain('unknown field "availabilityZone" in spec.fault (ec2-cpu-stress fault)');
  });

  it('requires processName for kill-process', async () => {
    const file = writeScenario((s) => {
      (s.spec.fault as { mode: string }).mode = 'kill-process';
    }, 'orders-ecs-task-kill');
    const errors = await errorsOf(file);
    expect(errors).toMatchObject([{ code: 'MISSING_FIELD' }]);
    expect(errors[0]!.message).toContain('"processName"');
  });

  it('tells alarm probes from metric probes', async () => {
    const file = writeScenario((s) => {
      s.spec.steadyState.push({ name: 'both', alarm: 'x', metric: { namespace: 'N', name: 'M', stat: 'Sum' } } as never);
      s.spec.steadyState.push({ name: 'neither' } as never);
    });
    const errors = await errorsOf(file);
    expect(errors.map((e) => e.code)).toEqual(['UNKNOWN_FIELD', 'MISSING_FIELD', 'MISSING_FIELD']);
    expect(errors[0]!.message).toContain('(alarm probe)');
    expect(errors[1]!.message).toContain('(metric probe)');
  });

  it.each([
    ['duration', (s: Record<string, any>) => (s.spec.fault.duration = '30 minutes'), 'INVALID_FORMAT'],
    ['disruption type', (s: Record<string, any>) => (s.spec.recovery.disruptionType = 'Datacenter'), 'INVALID_VALUE'],
    ['threshold', (s: Record<string, any>) => (s.spec.steadyState[1].threshold = 'below 1.5'), 'INVALID_FORMAT'],
    ['statistic', (s: Record<string, any>) => (s.spec.steadyState[1].metric.stat = 'Median'), 'INVALID_FORMAT'],
    ['metadata name', (s: Record<string, any>) => (s.metadata.name = 'Checkout AZ'), 'INVALID_FORMAT'],
    ['apiVersion', (s: Record<string, any>) => (s.apiVersion = 'gameday/v2'), 'INVALID_VALUE'],
    ['empty steady state', (s: Record<string, any>) => (s.spec.steadyState = []), 'OUT_OF_RANGE'],
    ['duplicate include', (s: Record<string, any>) => (s.spec.fault.include = ['asg', 'asg']), 'DUPLICATE_ITEM'],
    ['unknown top-level key', (s: Record<string, any>) => (s.specs = {}), 'UNKNOWN_FIELD'],
  ])('rejects a bad %s', async (_, edit, code) => {
    const errors = await errorsOf(writeScenario((s) => edit(s as never)));
    expect(errors.map((e) => e.code)).toEqual([code]);
  });
});
