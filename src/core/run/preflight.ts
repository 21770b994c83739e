import type { AlarmInfo, AwsPorts, MetricSeries } from '../../aws/ports.js';
import type { PreflightResult } from '../journal/events.js';
import type { Plan, PlannedProbe, PreflightCheck } from '../plan/types.js';
import { GamedayError } from '../errors.js';
import { realWaits, type Waits } from './waits.js';
import { meetsThreshold } from './steady-state.js';
import { roleNameOf, trustsService } from './role-trust.js';
import { ASSUME_ROLE } from '../plan/prerequisites.js';
import { numberText, thresholdText } from '../number-text.js';
import { probePeriodSeconds, returnedQuery } from '../plan/probes.js';
import { mathInputId, probeQueries } from './metric-data-queries.js';
import { sharedMetricReads } from './shared-metric-reads.js';

export type CheckOutcome = PreflightResult['checks'][number];

/** FIS default quota: 5 active experiments per account and region (aws-facts.md). */
export const FIS_ACTIVE_EXPERIMENT_QUOTA = 5;
export const ACTIVE_EXPERIMENT_STATES = new Set(['pending', 'initiating', 'running', 'stopping']);
/** The service principal FIS assumes experiment roles as. */
const FIS_PRINCIPAL = 'fis.amazonaws.com';
const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/[\w+=,.@/-]+$/;

export function alarmNameOf(nameOrArn: string): string {
  const match = /^arn:aws[a-z-]*:cloudwatch:[^:]*:\d{12}:alarm:(.+)$/.exec(nameOrArn);
  return match ? match[1]! : nameOrArn;
}

/** Every alarm the plan watches: stop conditions, steady-state alarm probes, detection alarms. */
export function planAlarmNames(plan: Plan): string[] {
  return [
    ...new Set([
      ...plan.stopConditions.map((s) => alarmNameOf(s.alarm)),
      ...plan.probes.filter((p) => p.kind === 'alarm' && p.alarm).map((p) => alarmNameOf(p.alarm!)),
      ...plan.detection.map((d) => alarmNameOf(d.alarm)),
    ]),
  ];
}

export function metricProbes(plan: Plan): PlannedProbe[] {
  return plan.probes.filter((p) => p.kind === 'metric' && (p.metric || p.math));
}

interface Shared {
  caller(): Promise<{ account: string }>;
  /** SimulatePrincipalPolicy of every permission the plan's checks name, once. */
  permissions(): Promise<Record<string, string>>;
  alarms(): Promise<Map<string, AlarmInfo>>;
  metrics(): Promise<Map<string, MetricSeries>>;
}

function once<T>(fn: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= fn());
}

/** How far back "now" looks for a metric probe's latest complete datapoint. */
const METRIC_LOOKBACK_PERIODS = 5;

async function checkOne(check: PreflightCheck, plan: Plan, ports: AwsPorts, shared: Shared, serviceNow: () => Date): Promise<Omit<CheckOutcome, 'id' | 'kind' | 'subject'>> {
  switch (check.kind) {
    case 'identity': {
      const caller = await shared.caller();
      return caller.account === plan.target.account
        ? { ok: true, message: `credentials are for account ${caller.account}` }
        : { ok: false, message: `credentials are for account ${caller.account}, the scenario targets ${plan.target.account}`, fix: 'use credentials (--profile) for the scenario’s account, or fix spec.target.account' };
    }
    case 'stop-condition-alarm':
    case 'detection-alarm': {
      const name = alarmNameOf(check.subject);
      const alarm = (await shared.alarms()).get(name);
      if (!alarm) return { ok: false, message: `alarm ${name} does not exist`, fix: `create the CloudWatch alarm ${name} in ${plan.target.region}, or fix its name in the scenario` };
      if (check.kind === 'stop-condition-alarm' && alarm.state !== 'OK') {
        return { ok: false, message: `stop-condition alarm ${name} is ${alarm.state}: FIS would stop the experiment at once`, fix: `bring ${name} back to OK (or wait for data) before the game day` };
      }
      return { ok: true, message: `alarm ${name} exists (${alarm.state})` };
    }
    case 'steady-state':
      return checkSteadyState(check, plan, shared, serviceNow);
    case 'role': {
      const match = ROLE_ARN.exec(plan.target.roleArn);
      if (!match) return { ok: false, message: `${plan.target.roleArn} is not an IAM role ARN`, fix: 'set spec.target.roleArn to arn:aws:iam::<account>:role/<name>' };
      if (match[1] !== plan.target.account) return { ok: false, message: `role ${plan.target.roleArn} is in account ${match[1]}, not ${plan.target.account}`, fix: 'use a role in the target account' };
      const name = roleNameOf(plan.target.roleArn);
      const role = await ports.roles.role(name);
      if (!role) return { ok: false, message: `IAM has no role ${name} in account ${plan.target.account}`, fix: `create the FIS experiment role ${name} (trusting fis.amazonaws.com), or fix spec.target.roleArn` };
      if (!trustsService(role.trustPolicy, FIS_PRINCIPAL)) {
        return { ok: false, message: `role ${name} does not trust ${FIS_PRINCIPAL}: FIS cannot assume it`, fix: `add a statement to ${name}'s trust policy: {"Effect": "Allow", "Principal": {"Service": "${FIS_PRINCIPAL}"}, "Action": "sts:AssumeRole"}` };
      }
      return { ok: true, message: `role ${name} exists and trusts ${FIS_PRINCIPAL}` };
    }
    case 'role-permission': {
      const decision = (await shared.permissions())[check.subject] ?? 'not evaluated';
      const name = roleNameOf(plan.target.roleArn);
      const needs = check.neededBy?.join(' and ');
      return decision === 'allowed'
        ? { ok: true, message: `role ${name} may call ${check.subject}` }
        : {
            ok: false,
            message: `role ${name} may not call ${check.subject} (${decision})${needs ? `, which ${needs} ${check.neededBy!.length === 1 ? 'needs' : 'need'}` : ''}`,
            fix: `allow ${check.subject} in a policy attached to ${name}${decision === 'explicitDeny' ? ', and remove the statement that denies it' : ''}`,
          };
    }
    case 'target-account-role': {
      const name = roleNameOf(plan.target.roleArn);
      const decision = (await ports.roles.simulate(plan.target.roleArn, [ASSUME_ROLE], [check.subject]))[ASSUME_ROLE] ?? 'not evaluated';
      return decision === 'allowed'
        ? { ok: true, message: `role ${name} may assume ${check.subject} (its trust policy and permissions there are not visible from this account)` }
        : {
            ok: false,
            message: `role ${name} may not call ${ASSUME_ROLE} on ${check.subject} (${decision}): FIS could not act in that account`,
            fix: `allow ${ASSUME_ROLE} on ${check.subject} in a policy attached to ${name} (gameday plan --iam-policy prints it)${decision === 'explicitDeny' ? ', and remove the statement that denies it' : ''}`,
          };
    }
    case 'resilience-hub-app': {
      const appArn = plan.target.resilienceHubAppArn ?? check.subject;
      const app = await ports.resilience.describeApp(appArn);
      return app
        ? { ok: true, message: `Resilience Hub app ${app.name ?? appArn} exists${app.policyArn ? '' : ' (no policy attached)'}` }
        : { ok: false, message: `Resilience Hub app ${appArn} does not exist`, fix: 'fix spec.target.resilienceHub.appArn, or remove it to use the scenario’s rto/rpo' };
    }
    case 'fis-quota': {
      const active = (await ports.experiments.list()).filter((e) => ACTIVE_EXPERIMENT_STATES.has(e.state));
      return active.length < FIS_ACTIVE_EXPERIMENT_QUOTA
        ? { ok: true, message: `${active.length} of ${FIS_ACTIVE_EXPERIMENT_QUOTA} active FIS experiments` }
        : { ok: false, message: `${active.length} FIS experiments are active (quota ${FIS_ACTIVE_EXPERIMENT_QUOTA}): ${active.map((e) => e.id).join(', ')}`, fix: 'wait for them to finish, or stop them (`gameday halt` stops gameday’s own)' };
    }
    case 'safety-lever': {
      const lever = await ports.experiments.safetyLever();
      if (lever.status === 'disengaged') return { ok: true, message: `FIS safety lever ${lever.id} is disengaged` };
      return {
        ok: false,
        message: `FIS safety lever ${lever.id} is ${lever.status}${lever.reason ? `: ${lever.reason}` : ''} — FIS cancels every experiment while it is`,
        fix: `someone engaged it on purpose (an incident?): wait until it is disengaged (aws fis update-safety-lever-state --id ${lever.id} --state status=disengaged,reason=…), then run again`,
      };
    }
  }
}

async function checkSteadyState(check: PreflightCheck, plan: Plan, shared: Shared, serviceNow: () => Date): Promise<Omit<CheckOutcome, 'id' | 'kind' | 'subject'>> {
  const named = plan.probes.filter((p) => p.name === check.subject || p.id === check.subject);
  const probes = named.length ? named : plan.probes;
  const failures: string[] = [];
  const seen: string[] = [];
  for (const probe of probes) {
    if (probe.kind === 'alarm' && probe.alarm) {
      const alarm = (await shared.alarms()).get(alarmNameOf(probe.alarm));
      if (!alarm) failures.push(`${probe.name}: alarm ${probe.alarm} does not exist`);
      else if (alarm.state !== 'OK') failures.push(`${probe.name}: alarm ${probe.alarm} is ${alarm.state}`);
      else seen.push(`${probe.name}: ${probe.alarm} OK`);
    } else if ((probe.metric || probe.math) && probe.threshold) {
      let metrics: Map<string, MetricSeries>;
      try {
        metrics = await shared.metrics();
      } catch (error) {
        const refused = refusedMath(plan, error);
        if (refused) return refused;
        throw error;
      }
      const cutoff = serviceNow().getTime() - probePeriodSeconds(probe) * 1000;
      const complete = (id: string) => (metrics.get(id)?.points ?? []).filter((p) => p.timestamp.getTime() <= cutoff);
      const silent = (probe.math?.queries ?? []).flatMap((q) => ('metric' in q && complete(mathInputId(probe, q.id)).length === 0 ? [`${q.metric.namespace}/${q.metric.name} (${q.id})`] : []));
      const latest = complete(probe.id).at(-1);
      if (silent.length) failures.push(`${probe.name}: no datapoints of ${silent.join(', ')} in the last ${METRIC_LOOKBACK_PERIODS} periods`);
      else if (!latest) failures.push(`${probe.name}: no datapoints of ${probe.metric ? `${probe.metric.namespace}/${probe.metric.name}` : `its expression ${mathValueText(probe)}`} in the last ${METRIC_LOOKBACK_PERIODS} periods`);
      else if (!meetsThreshold(latest.value, probe.threshold)) failures.push(`${probe.name}: ${numberText(latest.value)} at ${latest.timestamp.toISOString()} is not ${thresholdText(probe.threshold)}`);
      else seen.push(`${probe.name}: ${numberText(latest.value)} ${thresholdText(probe.threshold)}`);
    }
  }
  return failures.length
    ? { ok: false, message: `steady state does not hold now: ${failures.join('; ')}`, fix: 'investigate before injecting a fault: a game day starts from a healthy system' }
    : { ok: true, message: `steady state holds (${seen.join('; ')})` };
}

/**
 * CloudWatch refusing the steady-state queries (ValidationError) when a probe has metric math: the
 * scenario's expression is what to fix, not the connection (a refusal, not an AWS failure).
 */
function refusedMath(plan: Plan, error: unknown): Omit<CheckOutcome, 'id' | 'kind' | 'subject'> | undefined {
  const name = GamedayError.is(error) ? (error.cause as { name?: string } | undefined)?.name : undefined;
  if (!plan.probes.some((p) => p.math) || !name || !/^(ValidationError|InvalidParameter)/.test(name)) return undefined;
  return {
    ok: false,
    message: `CloudWatch refused the steady-state metric queries: ${(error as GamedayError).message}`,
    fix: 'fix the metric math of the steady-state probes (spec.steadyState[].metrics) so that CloudWatch can evaluate it; the sandbox evaluates + - * / and parentheses over query ids only',
  };
}

function mathValueText(probe: PlannedProbe): string {
  const value = returnedQuery(probe.math!);
  return 'expression' in value ? value.expression : value.id;
}

/**
 * Runs the plan's preflight checks, each as soon as the checks it depends on have passed, so the
 * whole takes about the slowest dependent chain. Every check is reported; one failed dependency
 * marks its dependants failed too, with the reason.
 */
export interface PreflightOptions {
  /** The account guard has usually just asked STS: its answer stands. */
  caller?: { account: string };
  /**
   * Real ms to wait for stop-condition and steady-state alarms still INSUFFICIENT_DATA to be
   * evaluated (a new alarm, or a sandbox that just started), re-reading every `pollMs`. 0: no wait.
   */
  insufficientDataWaitMs?: number;
  pollMs?: number;
  /** how to wait (default: real time) */
  waits?: Waits;
}

/** Alarms whose state decides whether it is safe to start: stop conditions and steady-state probes. */
function guardingAlarms(plan: Plan): Set<string> {
  return new Set([...plan.stopConditions.map((s) => alarmNameOf(s.alarm)), ...plan.probes.filter((p) => p.kind === 'alarm' && p.alarm).map((p) => alarmNameOf(p.alarm!))]);
}

async function readAlarms(plan: Plan, ports: AwsPorts, options: PreflightOptions): Promise<Map<string, AlarmInfo>> {
  const names = planAlarmNames(plan);
  const guarding = guardingAlarms(plan);
  const waits = options.waits ?? realWaits;
  const deadline = waits.nowMs() + (options.insufficientDataWaitMs ?? 0);
  while (true) {
    const alarms = new Map((await ports.metrics.describeAlarms(names)).map((a) => [a.name, a]));
    const waiting = [...alarms.values()].some((a) => guarding.has(a.name) && a.state === 'INSUFFICIENT_DATA');
    if (!waiting || waits.nowMs() >= deadline) return alarms;
    await waits.sleep(Math.min(options.pollMs ?? 1000, Math.max(1, deadline - waits.nowMs())));
  }
}

export async function runPreflight(plan: Plan, ports: AwsPorts, serviceNow: () => Date, options: PreflightOptions = {}): Promise<PreflightResult> {
  const shared: Shared = {
    caller: once(async () => options.caller ?? ports.identity.caller()),
    alarms: once(() => readAlarms(plan, ports, options)),
    permissions: once(() => ports.roles.simulate(plan.target.roleArn, plan.preflight.filter((c) => c.kind === 'role-permission').map((c) => c.subject))),
    metrics: once(async () => {
      const probes = metricProbes(plan);
      const now = serviceNow().getTime();
      const lookback = Math.max(...probes.map(probePeriodSeconds), 60) * METRIC_LOOKBACK_PERIODS * 1000;
      // Probe by probe, one call unless a probe's math reads its whole call (METRICS()): sharedMetricReads.
      const reads = sharedMetricReads(ports.metrics);
      const series = await Promise.all(probes.map((p) => reads.getMetricData(probeQueries(p, { inputs: true }), new Date(now - lookback), new Date(now))));
      return new Map(series.flat().map((s) => [s.id, s]));
    }),
  };
  const results = new Map<string, Promise<CheckOutcome>>();
  const byId = new Map(plan.preflight.map((c) => [c.id, c]));
  const run = (check: PreflightCheck): Promise<CheckOutcome> => {
    let result = results.get(check.id);
    if (result) return result;
    result = (async () => {
      const head = { id: check.id, kind: check.kind, subject: check.subject };
      const deps = await Promise.all((check.dependsOn ?? []).flatMap((id) => (byId.has(id) ? [run(byId.get(id)!)] : [])));
      const failed = deps.filter((d) => !d.ok);
      // Not checked because AWS failed a check it depends on: the same AWS error, not a finding.
      const awsError = failed.every((d) => d.awsError) ? (failed.some((d) => d.awsError === 'AWS_UNREACHABLE') ? 'AWS_UNREACHABLE' : 'AWS_ERROR') : undefined;
      if (failed.length) return { ...head, ok: false, message: `not checked: ${failed.map((d) => d.id).join(', ')} failed first`, ...(awsError ? { awsError } : {}) };
      try {
        return { ...head, ...(await checkOne(check, plan, ports, shared, serviceNow)) };
      } catch (error) {
        const message = GamedayError.is(error) ? error.message : String(error);
        const awsError = GamedayError.is(error) && (error.code === 'AWS_UNREACHABLE' || error.code === 'AWS_ERROR') ? error.code : undefined;
        return { ...head, ok: false, message: `could not check: ${message}`, fix: GamedayError.is(error) && error.hint ? error.hint : 'check connectivity and permissions, then retry', ...(awsError ? { awsError } : {}) };
      }
    })();
    results.set(check.id, result);
    return result;
  };
  const checks = await Promise.all(plan.preflight.map(run));
  return { type: 'preflight', checks, ok: checks.every((c) => c.ok) };
}
