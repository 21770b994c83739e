import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import { ROOT, runCli } from '../helpers/cli.js';

/**
 * checkout-az-power (Tuesdays 10:00 Berlin = 09:00Z in December; a game day of PT1H30M) touches the
 * checkout ALB (its p99 probe's LoadBalancer dimension). Two standalone sandboxes: in one, ARC may start
 * a practice run on that ALB at any time but Wednesday night; in the other its configuration blocks
 * Tuesday 08:00-11:00 (UTC). The schedule commands read them (ListManagedResources, GetManagedResource).
 */
const SCENARIO = 'scenarios/checkout-az-power.yaml';
const ALB = 'app/checkout-alb/50dc6c495c0c9188';
const offline = { AWS_ENDPOINT_URL: undefined, AWS_ENDPOINT_URL_FIS: undefined, AWS_ACCESS_KEY_ID: undefined, AWS_PROFILE: undefined, GAMEDAY_AWS_RETRY_DELAY_MS: '0' };

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
let open: Sandbox;
let blocked: Sandbox;
beforeAll(async () => {
  const world = join(ROOT, 'test/fixtures/arc-zonal-shift/world.yaml');
  const blockedWorld = join(await mkdtemp(join(tmpdir(), 'gameday-arc-world-')), 'world.yaml');
  await writeFile(blockedWorld, (await readFile(world, 'utf8')).replace('blockedWindows: ["Wed:02:00-Wed:03:00"]', 'blockedWindows: ["Wed:02:00-Wed:03:00", "Tue:08:00-Tue:11:00"]'));
  [open, blocked] = await Promise.all([startSandbox({ world, port: 0, speed: 1 }), startSandbox({ world: blockedWorld, port: 0, speed: 1 })]);
});
afterAll(async () => {
  await Promise.all([open?.stop(), blocked?.stop()]);
});

describe('the schedule refuses a slot an ARC practice run may share, read live (read-only)', () => {
  it('schedule list: a slot ARC does not block is skipped with the practice run, the resource and the window to block; JSON has what was read', async () => {
    const r = await runCli(['schedule', 'list', SCENARIO, '--now', '2026-12-07T00:00:00Z', '--count', '2', '--endpoint-url', open.url, '--json'], { env: offline });
    expect(r.code, r.stderr).toBe(0);
    const listing = JSON.parse(r.stdout);
    expect(listing.live.practiceRuns).toEqual([
      {
        region: 'us-east-1',
        arn: `arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/${ALB}`,
        name: ALB,
        zonalAutoshiftStatus: 'ENABLED',
        practiceRunConfiguration: { outcomeAlarms: ['arn:aws:cloudwatch:us-east-1:123456789012:alarm:checkout-5xx-high'], blockingAlarms: [], blockedWindows: ['Wed:02:00-Wed:03:00'], blockedDates: [], allowedWindows: [] },
        activeShifts: [],
        scenarios: ['checkout-az-power'],
      },
    ]);
    const [first, second] = listing.schedules[0].next;
    expect(first).toMatchObject({ at: '2026-12-08T09:00:00.000Z', blackout: { from: '2026-12-08T08:30:00.000Z', to: expect.stringMatching(/^2026-12-08T10:\d\d:\d\d\.\d{3}Z$/) } });
    expect(first.blackout.reason).toMatch(new RegExp(`^ARC may start a practice run on ${ALB} at 2026-12-08T08:30:00\\.000Z \\(30 minutes of its traffic away from an AZ\\) while this game day runs, 2026-12-08T09:00:00\\.000Z → 2026-12-08T10:\\d\\d:\\d\\d\\.\\d{3}Z; block Tue:08:30-Tue:10:\\d\\d in its practice-run configuration \\(blockedWindows, UTC\\)$`));
    expect(second).toMatchObject({ at: '2026-12-15T09:00:00.000Z', blackout: { reason: expect.stringMatching(/^ARC may start a practice run/) } });
    const text = await runCli(['schedule', 'list', SCENARIO, '--now', '2026-12-07T00:00:00Z', '--count', '2', '--endpoint-url', open.url], { env: offline });
    expect(text.stdout).toContain(`live check: ARC ${ALB} (checkout-az-power): practice runs weekly, blocked Wed:02:00-Wed:03:00 (UTC)`);
    expect(text.stdout).toContain('(2026-12-08T09:00:00.000Z)  SKIPPED: blackout 2026-12-08T08:30:00.000Z → 2026-12-08T10:');
  });

  it('schedule list: a slot inside ARC’s blocked window is fine', async () => {
    const r = await runCli(['schedule', 'list', SCENARIO, '--now', '2026-12-07T00:00:00Z', '--count', '2', '--endpoint-url', blocked.url, '--json'], { env: offline });
    expect(r.code, r.stderr).toBe(0);
    const listing = JSON.parse(r.stdout);
    expect(listing.live.practiceRuns[0].practiceRunConfiguration.blockedWindows).toEqual(['Wed:02:00-Wed:03:00', 'Tue:08:00-Tue:11:00']);
    expect(listing.schedules[0].next).toEqual([
      { at: '2026-12-08T09:00:00.000Z', local: '2026-12-08T10:00:00+01:00' },
      { at: '2026-12-15T09:00:00.000Z', local: '2026-12-15T10:00:00+01:00' },
    ]);
  });

  it('schedule due and run-due: nothing is due into a possible practice run, and nothing starts; with ARC blocking it, it is due', async () => {
    const reports = await mkdtemp(join(tmpdir(), 'gameday-arc-reports-'));
    const now = ['--now', '2026-12-08T09:05:00Z', '--reports-dir', reports];
    const due = await runCli(['schedule', 'due', SCENARIO, ...now, '--endpoint-url', open.url, '--json'], { env: offline });
    expect(due.code, due.stderr).toBe(0);
    expect(JSON.parse(due.stdout).entries).toMatchObject([{ scenario: 'checkout-az-power', state: 'blackout', occurrence: { blackout: { reason: expect.stringMatching(/^ARC may start a practice run on app\/checkout-alb\/50dc6c495c0c9188 at 2026-12-08T08:35:00\.000Z/) } } }]);
    const run = await runCli(['schedule', 'run-due', SCENARIO, ...now, '--endpoint-url', open.url, '--yes'], { env: offline, timeoutMs: 60_000 });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('checkout-az-power @ 2026-12-08T10:00:00+01:00: skipped, blackout 2026-12-08T08:35:00.000Z');
    expect(run.stderr).not.toContain('starting checkout-az-power');
    const fine = await runCli(['schedule', 'due', SCENARIO, ...now, '--endpoint-url', blocked.url, '--json'], { env: offline });
    expect(JSON.parse(fine.stdout).entries).toMatchObject([{ scenario: 'checkout-az-power', state: 'due' }]);
  }, 120_000);
});
