import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { sandboxClients } from '../helpers/aws-clients.js';
import { WORLDS, journalOf, reportsDir, runOn, sandboxFor, ofType, stopAfterEach } from './run-harness.js';

/**
 * Game days on the four-service shop-platform world (issue 12 "Done when"): a dependency's failure
 * seen in its dependants' errors, and an AZ power interruption across every service judged against
 * the Resilience Hub policy. Both use composite alarms as stop condition, steady state and detection.
 */
const stopped = stopAfterEach();

/** shop-platform's payments service: 1,200 requests a minute, 90 % of them writes to payments-db. */
const PAYMENT_WRITES_PER_SECOND = (1200 * 0.9) / 60;
/** docs/sandbox-world.md: Aurora with a replica fails over in under 60 s (30 s in the world); clients reconnect 30 s later. */
const AURORA_FAILOVER = { typical: 30, upTo: 60 };
const CLIENT_RECONNECT = 30;

describe('gameday run on the shop-platform world (4 services)', () => {
  it('an Aurora failover of payments-db: payments errors rise and recover on their own, the outage inside the Aurora range plus client lag', async () => {
    const sandbox = stopped(await sandboxFor(WORLDS.shop));
    const result = await runOn(sandbox, 'scenarios/payments-aurora-failover.yaml', { reportsDir: await reportsDir() });
    expect(result.exitCode).toBe(0);
    expect(result.status).toBe('completed');
    const events = await journalOf(result.runDir);

    // The stop condition is the composite shop-outage, armed in FIS and never tripped by a payments blip.
    const plan = ofType(events, 'run-started')[0]!;
    expect(JSON.stringify(plan)).toContain('"stopConditions":[{"source":"aws:cloudwatch:alarm","value":"arn:aws:cloudwatch:us-east-1:123456789012:alarm:shop-outage"}]');
    const states = ofType(events, 'alarm-state');
    expect(states.filter((s) => s.alarm === 'shop-outage').map((s) => s.state)).toEqual(['OK']);

    // The dependant's errors: failed payments rise after the failover, and are back to none before the watch ends.
    const [failed] = ofType(events, 'impact-metric');
    const start = Date.parse(result.verdict.disruptionStart!);
    const after = failed!.points.filter((p) => Date.parse(p.timestamp) + 60_000 > start);
    expect(after.some((p) => p.value > 100)).toBe(true);
    expect(after.slice(-5).every((p) => p.value === 0)).toBe(true);
    const [impact] = result.verdict.impactCounts;
    expect(impact).toMatchObject({ state: 'measured', baseline: { perMinute: 0 } });
    // Seconds of failed writes: the failover's write outage, then the clients' reconnect delay.
    const outageSeconds = impact!.excess! / PAYMENT_WRITES_PER_SECOND;
    expect(outageSeconds).toBeGreaterThanOrEqual(AURORA_FAILOVER.typical + CLIENT_RECONNECT - 5);
    expect(outageSeconds).toBeLessThanOrEqual(AURORA_FAILOVER.upTo + CLIENT_RECONNECT);

    // Detected by the metric alarm and by the composite over it, at the same instant.
    const fired = Object.fromEntries((result.verdict.detections ?? []).map((d) => [d.alarm, d.firedAt]));
    expect(fired['payments-impaired']).toBeDefined();
    expect(fired['payments-impaired']).toBe(fired['payments-failures-high']);
    expect(states.filter((s) => s.alarm === 'payments-impaired').map((s) => s.state)).toEqual(['OK', 'ALARM', 'OK']);

    // The composite's evidence is its children: the rule, each child's state when it went to ALARM (from the
    // children's own history), the ones CloudWatch says triggered it, and each metric child's datapoints.
    const [composite] = ofType(events, 'alarm-composite');
    expect(composite).toMatchObject({ alarm: 'payments-impaired', rule: 'ALARM(payments-failures-high) OR ALARM(payments-db-connections-low)' });
    expect(composite!.children.map((c) => [c.alarm, c.kind])).toEqual([
      ['payments-failures-high', 'metric'],
      ['payments-db-connections-low', 'metric'],
    ]);
    expect(composite!.transitions.find((t) => t.state === 'ALARM')).toMatchObject({ timestamp: fired['payments-impaired'], triggering: expect.arrayContaining(['payments-failures-high']) });
    expect(ofType(events, 'alarm-metric').map((e) => e.alarm).sort()).toEqual(['payments-db-connections-low', 'payments-failure-rate-high', 'payments-failures-high']);

    // The metric math detection: every query of its Metrics read, the returned expression judged against 5 %.
    const math = ofType(events, 'alarm-metric').find((e) => e.alarm === 'payments-failure-rate-high')!;
    expect(math.metric).toBeUndefined();
    expect(math.math!.queries.map((q) => [q.id, q.expression ?? q.metric!.name])).toEqual([
      ['failed', 'FailedPayments'],
      ['requests', 'RequestCount'],
      ['rate', '100 * failed / requests'],
    ]);
    const inputs = Object.fromEntries(math.math!.queries.map((q) => [q.id, new Map(q.points.map((p) => [p.timestamp, p.value]))]));
    for (const p of math.points) expect(p.value).toBeCloseTo((100 * inputs['failed']!.get(p.timestamp)!) / inputs['requests']!.get(p.timestamp)!, 6);
    const rate = result.verdict.detections!.find((d) => d.alarm === 'payments-failure-rate-high')!;
    expect(rate.firedAt).toBe(fired['payments-failures-high']);
    expect(rate.evidence).toMatchObject({ expression: '100 * failed / requests', inputs: ['failed = Shop FailedPayments Sum', 'requests = AWS/ApplicationELB RequestCount Sum'], threshold: 5 });
    expect(rate.evidence!.stat).toBeUndefined();
    expect(rate.evidence!.peak!.value).toBeGreaterThan(50);
    expect(rate.evidence!.summary).toMatch(/^Failed payments \(%\): 100 \* failed \/ requests \(failed = Shop FailedPayments Sum, requests = AWS\/ApplicationELB RequestCount Sum\) peaked at [\d.]+ at /);
    const evidence = result.verdict.detections!.find((d) => d.alarm === 'payments-impaired')!.evidence!;
    expect(evidence.rule).toBe(composite!.rule);
    const children = Object.fromEntries(evidence.children!.map((c) => [c.alarm, c]));
    expect(children['payments-failures-high']).toMatchObject({ state: 'ALARM', triggered: true, firedAt: fired['payments-impaired'], evidence: { stat: 'Sum', threshold: 20, comparison: 'GreaterThanThreshold' } });
    expect(children['payments-failures-high']!.evidence!.peak!.value).toBeGreaterThan(100);
    // The writer's connections drop to 0 during the failover: the other child is in ALARM too.
    expect(children['payments-db-connections-low']).toMatchObject({ state: 'ALARM', evidence: { stat: 'Minimum', peak: { value: 0 } } });
    expect(evidence.summary).toContain(`rule ${composite!.rule} held at ${fired['payments-impaired']}: payments-failures-high ALARM (triggered it)`);
    const markdown = await readFile(result.reports.find((f) => f.endsWith('report.md'))!, 'utf8');
    expect(markdown).toContain('Composite **payments-impaired** (`ALARM(payments-failures-high) OR ALARM(payments-db-connections-low)`) went to ALARM at');
    expect(markdown).toMatch(/- \*\*payments-failures-high\*\*: ALARM, triggered it; ALARM at [^—]+ — Shop FailedPayments Sum peaked at [\d,]+ at/);
    const html = await readFile(result.reports.find((f) => f.endsWith('report.html'))!, 'utf8');
    expect(html).toMatch(/<li><b>payments-db-connections-low<\/b>: ALARM[^<]* — AWS\/RDS DatabaseConnections Minimum fell to 0 at/);
    const junit = await readFile(result.reports.find((f) => f.endsWith('junit.xml'))!, 'utf8');
    expect(junit).toMatch(/<property name="detection.payments-impaired.children" value="payments-failures-high=ALARM\* payments-db-connections-low=ALARM\*?"\/>/);
    const json = JSON.parse(await readFile(result.reports.find((f) => f.endsWith('report.json'))!, 'utf8'));
    expect(json.verdict.detections.find((d: { alarm: string }) => d.alarm === 'payments-impaired').evidence.children).toHaveLength(2);

    // RTO at the alarms' one-minute resolution: no shorter than the outage, at most one period longer than its upper bound.
    expect(result.verdict.rto).toMatchObject({ state: 'measured', targetSource: 'scenario', met: true });
    expect(result.verdict.rto.measuredSeconds!).toBeGreaterThanOrEqual(AURORA_FAILOVER.typical + CLIENT_RECONNECT);
    expect(result.verdict.rto.measuredSeconds!).toBeLessThanOrEqual(AURORA_FAILOVER.upTo + CLIENT_RECONNECT + 60);
    const restoration = ofType(events, 'restoration')[0]!;
    expect(restoration.notRolledBack.map((n) => n.actionId)).toEqual(['aws:rds:failover-db-cluster']);
  });

  it('an AZ power interruption across the multi-service world recovers inside the Resilience Hub policy, which the verdict and report judge against', async () => {
    const sandbox = stopped(await sandboxFor(WORLDS.shop));
    const result = await runOn(sandbox, 'scenarios/shop-az-power.yaml', { reportsDir: await reportsDir() });
    expect(result.exitCode).toBe(0);
    expect(result.status).toBe('completed');
    const events = await journalOf(result.runDir);

    // The policy the world declares (shop-critical), read from Resilience Hub, sets the targets.
    const rh = ofType(events, 'resilience-hub')[0]!;
    expect(rh.policy?.targets.AZ).toEqual({ rtoInSecs: 600, rpoInSecs: 60 });
    expect(result.verdict.rto).toMatchObject({ state: 'measured', targetSource: 'resilience-hub', targetSeconds: 600, met: true });
    expect(result.verdict.rpo).toMatchObject({ state: 'measured', targetSource: 'resilience-hub', targetSeconds: 60, met: true });
    expect(result.verdict.rto.assessedSeconds).toBeGreaterThan(0);
    const report = await readFile(result.reports.find((f) => f.endsWith('report.md'))!, 'utf8');
    // Recommendations per app component, read with the component they are for; the report names each alarm once.
    const running = rh.recommendations.alarms.filter((a) => a.components?.some((c) => c.startsWith('payments/') || c.startsWith('pipeline/')) && /running-tasks|workers/.test(a.name));
    expect(running.map((a) => [a.components, a.name])).toEqual([
      [['payments/payments-api'], 'payments-api-running-tasks-low'],
      [['pipeline/order-worker'], 'order-workers-low'],
    ]);
    const coverage = result.verdict.gaps.filter((g) => g.kind === 'coverage').map((g) => g.subject);
    expect(coverage).toEqual([...new Set(coverage)]);
    expect(report.match(/^- \*\*Resilience Hub recommends alarm order-workers-low;/gm)).toHaveLength(1);
    expect(report).toMatch(/\| RTO \| [^|]+ \| 10m \(Resilience Hub policy\) \| [^|]+ \| yes \|/);
    expect(report).toMatch(/\| RPO \| 0s \| 1m \(Resilience Hub policy\) \| [^|]+ \| yes \|/);

    // Every service took the hit: the storefront's 5xx (its ALB lost a third of its targets, payments failed over), payments (composite).
    const fired = Object.fromEntries((result.verdict.detections ?? []).map((d) => [d.alarm, d.delaySeconds]));
    expect(fired['storefront-5xx-high']).toBeLessThanOrEqual(180);
    expect(fired['payments-impaired']).toBeLessThanOrEqual(180);
    // The AZ held payments-db's writer and search-cache's primary: both moved to a healthy AZ.
    const restoration = ofType(events, 'restoration')[0]!;
    expect(restoration.notRolledBack.map((n) => n.action)).toContain('Failover-RDS');
    expect(JSON.stringify(restoration)).toContain("payments-db's writer is payments-db-instance-2 in us-east-1a");
    // The queue behind the pipeline without a load balancer kept up: that steady-state probe never deviated.
    const deviated = new Set(ofType(events, 'alarm-state').filter((s) => s.state === 'ALARM').map((s) => s.alarm));
    expect(deviated.has('order-events-age-high')).toBe(false);
    expect(deviated.has('shop-outage')).toBe(false);
  });

  it('the ASG scales out under CPU stress: target tracking on search-asg adds instances while the fleet is stressed, and the storefront never notices', async () => {
    const sandbox = stopped(await sandboxFor(WORLDS.shop));
    const result = await runOn(sandbox, 'test/fixtures/run/search-cpu-scale-out.yaml', { reportsDir: await reportsDir() });
    expect(result.exitCode).toBe(0);
    expect(result.verdict.rto).toMatchObject({ state: 'measured', measuredSeconds: 0, met: true });
    const events = await journalOf(result.runDir);
    expect(JSON.stringify(ofType(events, 'targets-resolved'))).toContain('aws:ec2:instance');
    const start = Date.parse(result.verdict.disruptionStart!);
    const out = await sandboxClients(sandbox.url).cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(start - 5 * 60_000),
        EndTime: new Date(start + 20 * 60_000),
        ScanBy: 'TimestampAscending',
        MetricDataQueries: ['GroupDesiredCapacity', 'GroupInServiceInstances'].map((name, i) => ({
          Id: `m${i}`,
          MetricStat: { Metric: { Namespace: 'AWS/AutoScaling', MetricName: name, Dimensions: [{ Name: 'AutoScalingGroupName', Value: 'search-asg' }] }, Period: 60, Stat: 'Maximum' },
        })),
      }),
    );
    const [desired, inService] = out.MetricDataResults!.map((r) => r.Timestamps!.map((t, j) => ({ at: t.getTime(), value: r.Values![j]! })));
    // 3 instances (one per AZ, minSize 3) before the fault; more once the policy sees the stressed minutes.
    expect(desired!.filter((p) => p.at < start - 60_000).every((p) => p.value === 3)).toBe(true);
    expect(Math.max(...desired!.map((p) => p.value))).toBeGreaterThan(3);
    expect(Math.max(...inService!.map((p) => p.value))).toBeGreaterThan(3);
  });
});
