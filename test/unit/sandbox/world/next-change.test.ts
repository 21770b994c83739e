import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../../src/sandbox/clock.js';
import { CloudWatchBackend } from '../../../../src/sandbox/services/cloudwatch.js';
import { STEP_MS, createSimulation } from '../../../../src/sandbox/simulation.js';
import { loadWorld } from '../../../../src/sandbox/world/load-world.js';
import { ALARM, START, WORLDS, azPowerTemplate } from '../harness.js';

/**
 * The event clock lets `gameday run`'s watch sleep past polls until the simulation's nextChangeAt():
 * that promise must never come after a change a poll could see (an experiment's or an alarm's state).
 * Stepped 10 s at a time through a whole experiment with the real CloudWatch backend, every change of
 * what GetExperiment and DescribeAlarms answer must come at or after the instant promised before it.
 */
async function checkPromises(
  template: Record<string, unknown>,
  minutes: number,
  /** a call between two steps (what it changes shows at once; the promise is made after it) */
  between?: (step: number, cloudwatch: CloudWatchBackend) => unknown,
): Promise<{ changes: number; quietSteps: number; steps: number }> {
  const world = await loadWorld(new URL('multi-az-checkout.yaml', WORLDS).pathname);
  const clock = new VirtualClock({ start: START, realNow: () => 0 });
  const cloudwatch = new CloudWatchBackend({ clock, account: world.spec.account, region: world.spec.region });
  const simulation = createSimulation({ world, clock, cloudwatch, seed: world.spec.seed });
  const fis = simulation.backends.find((b) => b.service === 'fis')!.operations;
  const context = { region: world.spec.region, requestId: 'test' };
  const created = (await fis.CreateExperimentTemplate!(structuredClone(template), context)) as { experimentTemplate: { id: string } };
  const started = (await fis.StartExperiment!({ experimentTemplateId: created.experimentTemplate.id }, context)) as { experiment: { id: string } };
  const seen = async () => JSON.stringify([await fis.GetExperiment!({ id: started.experiment.id }, context), cloudwatch.alarmSummaries()]);
  let changes = 0;
  let quietSteps = 0;
  const steps = (minutes * 60_000) / STEP_MS;
  for (let i = 0; i < steps; i++) {
    await between?.(i, cloudwatch);
    const last = await seen();
    const promised = simulation.nextChangeAt();
    if (promised > clock.nowMs() + STEP_MS) quietSteps++;
    clock.advance(STEP_MS);
    simulation.advanceTo(clock.now());
    const now = await seen();
    if (now !== last) {
      changes++;
      expect(clock.nowMs(), `a change at step ${i + 1} came before the promised ${new Date(promised).toISOString()}`).toBeGreaterThanOrEqual(promised);
    }
  }
  return { changes, quietSteps, steps };
}

describe('simulation.nextChangeAt', () => {
  it('the AZ power experiment (60 minutes, EBS pause chained after it): never promises quiet past a change, and is quiet most steps', async () => {
    const { changes, quietSteps, steps } = await checkPromises(azPowerTemplate(), 75);
    expect(changes).toBeGreaterThan(3);
    expect(quietSteps).toBeGreaterThan(steps / 2);
  });

  it('a stop condition that trips mid-experiment: the stop is never later than promised', async () => {
    const tripwire = { ...azPowerTemplate(), stopConditions: [{ source: 'aws:cloudwatch:alarm', value: ALARM('checkout-5xx-high') }] };
    const { changes } = await checkPromises(tripwire, 20);
    expect(changes).toBeGreaterThan(3);
  });

  it('a stop-condition alarm set to ALARM between two minute steps (SetAlarmState): FIS stops at the next step, as promised', async () => {
    const force = (step: number, cloudwatch: CloudWatchBackend) =>
      step === 15 ? cloudwatch.operations.SetAlarmState!({ AlarmName: 'checkout-5xx-critical', StateValue: 'ALARM', StateReason: 'forced' }, { region: 'us-east-1', requestId: 'test' }) : Promise.resolve();
    const { changes } = await checkPromises(azPowerTemplate(), 5, force);
    expect(changes).toBeGreaterThan(3);
  });
});
