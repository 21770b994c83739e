import { PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import { sandboxClients } from '../helpers/aws-clients.js';
import { recordingHost, reportsDir, runOn, WORLDS, stopAfterEach } from './run-harness.js';

const stopped = stopAfterEach();

const START = Date.parse('2026-06-01T09:00:00Z');

describe('texts a run journals say numbers the way people read them', () => {
  it('preflight refuses a steady state of 0.6666666666666666 against < 0.5 and journals "0.6667"', async () => {
    const sandbox = stopped(await startSandbox({ world: WORLDS.multiAz, eventClock: true, clockStart: START }));
    const { cloudwatch } = sandboxClients(sandbox.url);
    await cloudwatch.send(
      new PutMetricDataCommand({ Namespace: 'Checkout', MetricData: [5, 4, 3, 2].map((m) => ({ MetricName: 'CartAbandonRatio', Value: 2 / 3, Timestamp: new Date(START - m * 60_000) })) }),
    );
    const host = recordingHost();
    const error = await runOn(sandbox, 'test/fixtures/run/checkout-az-noisy-probe.yaml', { reportsDir: await reportsDir() }, host).catch((e: unknown) => e);
    const said = /steady state does not hold now: cart-abandon-ratio: 0\.6667 at 2026-06-01T08:5\d:00\.000Z is not < 0\.5$/;
    expect(error).toMatchObject({ code: 'PREFLIGHT_FAILED' });
    expect((error as Error).message).toMatch(new RegExp(said.source.slice(0, -1)));
    const preflight = host.events.find((e) => e.type === 'preflight');
    expect(preflight?.type === 'preflight' && preflight.checks.find((c) => c.subject === 'cart-abandon-ratio')?.message).toMatch(said);
  });
});
