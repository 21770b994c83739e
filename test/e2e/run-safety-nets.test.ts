import { afterEach, describe, expect, it } from 'vitest';
import type { JournalEvent } from '../../src/core/journal/events.js';
import { compilePlan } from '../../src/core/plan/compile.js';
import type { Plan } from '../../src/core/plan/types.js';
import { requireScenario } from '../../src/core/scenario/load.js';
import { connectTarget, type ConnectedTarget } from '../../src/core/run/connect-target.js';
import { executeRun } from '../../src/core/run/execute-run.js';
import { noInterrupts } from '../../src/core/run/host.js';
import type { WatchBounds } from '../../src/core/run/watch.js';
import { ACTIVE, WORLDS, fisState, injectFault, journalOf, recordingHost, reportsDir, scaledSandboxFor, type Sandbox } from './run-harness.js';

let sandbox: Sandbox | undefined;
let target: ConnectedTarget | undefined;
afterEach(async () => {
  await target?.close();
  await sandbox?.stop();
  sandbox = undefined;
  target = undefined;
});

async function azPlan(): Promise<Plan> {
  return compilePlan(await requireScenario('scenarios/checkout-az-power.yaml'));
}

/** executeRun on the sandbox with a plan the test shaped, as `gameday run` would call it. */
async function execute(plan: Plan, host = recordingHost(), bounds: Partial<WatchBounds> = {}) {
  sandbox = await scaledSandboxFor(WORLDS.multiAz);
  target = await connectTarget({ region: 'us-east-1', endpoint: sandbox.url });
  const dir = await reportsDir();
  const result = await executeRun(
    { plan, reportsDir: dir, mode: 'endpoint', endpoint: sandbox.url, yes: true, keepTemplate: false, gamedayVersion: 'e2e' },
    { ports: target.ports, clock: target.clock, host, interrupts: noInterrupts(), bounds },
  );
  return { result, events: await journalOf(result.runDir) };
}

function stopsOf(events: JournalEvent[]) {
  return events.filter((e): e is Extract<JournalEvent, { type: 'stop-requested' }> => e.type === 'stop-requested');
}

describe('the watch’s own safety nets', () => {
  it('gameday stops the experiment itself when a stop-condition alarm is ALARM and FIS does not act', async () => {
    const plan = await azPlan();
    // FIS watches checkout-5xx-critical (the template); gameday also treats checkout-5xx-high as a
    // stop condition, which FIS knows nothing about: only gameday's watch can act on it.
    plan.stopConditions = [...plan.stopConditions, { alarm: 'checkout-5xx-high', alarmArn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:checkout-5xx-high' }];
    const { result, events } = await execute(plan);
    const stop = stopsOf(events).find((s) => s.by === 'stop-condition-watch');
    expect(stop?.reason).toMatch(/checkout-5xx-high is ALARM since .* FIS has not begun stopping/);
    expect(stop?.stoppedState).toBe('stopped');
    expect(result.status).toBe('stopped');
    expect((await fisState(sandbox!.url)).experiments.filter((e) => ACTIVE.includes(e.state))).toEqual([]);
  });

  it('dead-man’s switch: an experiment still running well past the planned fault time is stopped, with why', async () => {
    const plan = await azPlan();
    // The plan believes the fault lasts a minute; FIS runs the real 60-minute template.
    plan.faultSeconds = 60;
    const { result, events } = await execute(plan);
    const stop = stopsOf(events).find((s) => s.by === 'dead-man');
    expect(stop?.reason).toMatch(/still running \d+ s after it started; the plan's fault lasts 60 s/);
    expect(result.status).toBe('stopped');
    // Stopped near the bound (60 s + 5 min), not at the end of the 60-minute experiment.
    const state = events.filter((e) => e.type === 'experiment-state').at(-1) as Extract<JournalEvent, { type: 'experiment-state' }>;
    expect((Date.parse(state.endTime!) - Date.parse(state.startTime!)) / 1000).toBeLessThan(15 * 60);
    expect((await fisState(sandbox!.url)).experiments.filter((e) => ACTIVE.includes(e.state))).toEqual([]);
  });

  it('lost contact: when GetExperiment keeps failing past the bound, the experiment is stopped rather than left unwatched', async () => {
    const plan = await azPlan();
    let url = '';
    const host = recordingHost(async (event) => {
      if (event.type === 'experiment-started') await injectFault(url, { service: 'fis', operation: 'GetExperiment', kind: 'error503' });
    });
    sandbox = await scaledSandboxFor(WORLDS.multiAz);
    url = sandbox.url;
    target = await connectTarget({ region: 'us-east-1', endpoint: sandbox.url });
    const dir = await reportsDir();
    const result = await executeRun(
      { plan, reportsDir: dir, mode: 'endpoint', endpoint: url, yes: true, keepTemplate: false, gamedayVersion: 'e2e' },
      { ports: target.ports, clock: target.clock, host, interrupts: noInterrupts(), bounds: { lostContactMs: 1500, stopWaitMs: 1500 } },
    );
    const events = await journalOf(result.runDir);
    expect(stopsOf(events)[0]).toMatchObject({ by: 'lost-contact', reason: expect.stringMatching(/could not observe the experiment/) });
    expect(events.some((e) => e.type === 'api-problem' && e.operation === 'fis:GetExperiment')).toBe(true);
    // FIS accepted the stop (stopping) but no GetExperiment ever confirmed it ended: the run stays open for abort.
    expect(result.unconfirmedStop).toEqual({ experimentId: result.experimentId, lastState: 'stopping' });
    expect(events.filter((e) => e.type === 'run-ended')).toEqual([]);
    expect(result.templateDeleted).toBe(false);
    await fetch(`${url}/_sandbox/faults`, { method: 'DELETE' });
    expect((await fisState(url)).experiments.filter((e) => ACTIVE.includes(e.state) && e.state !== 'stopping')).toEqual([]);
  });
});
