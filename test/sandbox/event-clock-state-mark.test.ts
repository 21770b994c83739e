import { DescribeAlarmsCommand, GetMetricDataCommand, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import { GetExperimentCommand, StartExperimentCommand } from '@aws-sdk/client-fis';
import { afterEach, describe, expect, it } from 'vitest';
import { EventClock } from '../../src/sandbox/clock.js';
import { type SimulationPort, hostSandbox } from '../../src/sandbox/host.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { CloudWatchBackend } from '../../src/sandbox/services/cloudwatch.js';
import { sandboxClients } from '../helpers/aws-clients.js';
import { createRebootTemplate } from '../helpers/reboot-template.js';
import { WORLD_START, worldPath } from './worlds.js';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.stop();
  sandbox = undefined;
});

const MINUTE = 60_000;

/**
 * The embedded sandbox's state mark (Waits.stateMark) lets the watch skip GetExperiment and DescribeAlarms
 * on a poll where they would answer what it journalled: it must move with every state those calls
 * answer, through the real SDK clients, and say nothing while API faults are injected.
 */
describe('the event clock’s state mark moves exactly when an experiment’s or alarm’s state does', () => {
  it('steady minutes, reads and metric data leave it; an alarm’s state set, an experiment started and each of its steps move it', async () => {
    sandbox = await startSandbox({ world: worldPath('multi-az-checkout.yaml'), eventClock: true, clockStart: WORLD_START });
    const clock = sandbox.waits!;
    const { cloudwatch, fis } = sandboxClients(sandbox.url, { maxAttempts: 1 });
    await clock.sleep(10 * MINUTE);
    const steady = clock.stateMark();
    expect(steady).toEqual(expect.any(String));
    // Steady traffic: the alarms are evaluated every minute and stay as they are; reading changes nothing.
    await clock.sleep(5 * MINUTE);
    await cloudwatch.send(new DescribeAlarmsCommand({}));
    await cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(clock.nowMs() - 5 * MINUTE),
        EndTime: new Date(clock.nowMs()),
        MetricDataQueries: [{ Id: 'r', MetricStat: { Metric: { Namespace: 'AWS/ApplicationELB', MetricName: 'RequestCount', Dimensions: [{ Name: 'LoadBalancer', Value: 'app/checkout-alb/50dc6c495c0c9188' }] }, Period: 60, Stat: 'Sum' } }],
      }),
    );
    expect(clock.stateMark()).toBe(steady);

    await cloudwatch.send(new SetAlarmStateCommand({ AlarmName: 'checkout-5xx-high', StateValue: 'ALARM', StateReason: 'drill' }));
    const alarmed = clock.stateMark();
    expect(alarmed).not.toBe(steady);

    const templateId = await createRebootTemplate(fis);
    expect(clock.stateMark()).toBe(alarmed);
    const started = (await fis.send(new StartExperimentCommand({ experimentTemplateId: templateId }))).experiment!;
    let mark = clock.stateMark();
    expect(mark).not.toBe(alarmed);
    // Each GetExperiment answer that differs from the one before comes with a new mark; equal answers, the same mark.
    let previous = JSON.stringify((await fis.send(new GetExperimentCommand({ id: started.id! }))).experiment);
    const seen: boolean[] = [];
    for (let second = 0; second < 60; second++) {
      await clock.sleep(1000);
      const now = clock.stateMark();
      const answer = (await fis.send(new GetExperimentCommand({ id: started.id! }))).experiment!;
      const text = JSON.stringify({ ...answer, state: answer.state, actions: answer.actions });
      seen.push(text !== previous);
      // A changed experiment state moves the mark (alarms may move it too, as the reboot shows in the metrics).
      if (text !== previous) expect(now).not.toBe(mark);
      previous = text;
      mark = now!;
    }
    expect(seen.filter(Boolean).length).toBeGreaterThanOrEqual(3); // initiating → running, the action running, completed
  });

  it('says nothing while API faults are injected: a failing call is not an unchanged answer', async () => {
    sandbox = await startSandbox({ world: worldPath('multi-az-checkout.yaml'), eventClock: true, clockStart: WORLD_START });
    const clock = sandbox.waits!;
    expect(clock.stateMark()).toEqual(expect.any(String));
    const response = await fetch(`${sandbox.url}/_sandbox/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ service: 'fis', operation: 'GetExperiment', kind: 'throttle', count: 2 }) });
    expect(response.ok).toBe(true);
    expect(clock.stateMark()).toBeUndefined();
  });
});

describe('the state mark when the simulation fails to step', () => {
  it('is absent (the poller asks, and its calls answer InternalFailure), and the failure is reported, never thrown into the watch', async () => {
    const clock = new EventClock(WORLD_START);
    const cloudwatch = new CloudWatchBackend({ clock, account: '111122223333', region: 'us-east-1' });
    let failing = false;
    const errors: unknown[] = [];
    const simulation: SimulationPort = {
      account: '111122223333',
      region: 'us-east-1',
      backends: [],
      advanceTo: () => {
        if (failing) throw new Error('simulation bug');
      },
      nextChangeAt: () => Number.NEGATIVE_INFINITY,
      experimentStates: () => '[]',
      snapshot: () => ({}),
    };
    const hosted = await hostSandbox({ clock, simulation, backends: [cloudwatch], alarms: () => cloudwatch.alarmSummaries(), world: 'failing', onError: (e) => errors.push(e) });
    try {
      expect(clock.stateMark()).toEqual(expect.any(String));
      failing = true;
      expect(clock.stateMark()).toBeUndefined();
      expect(errors).toEqual([new Error('simulation bug')]);
      const { cloudwatch: client } = sandboxClients(hosted.url, { maxAttempts: 1 });
      await expect(client.send(new DescribeAlarmsCommand({}))).rejects.toMatchObject({ $metadata: { httpStatusCode: 500 } });
    } finally {
      await hosted.stop();
    }
  });
});
