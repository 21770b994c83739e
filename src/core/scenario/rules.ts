import { dirname, join } from 'node:path';
import type { FileValidation } from '../validate/validate-file.js';
import { durationSeconds } from '../duration.js';
import type { SourcePosition } from '../yaml/load-document.js';
import { azIdPrefix, checkArn, checkAvailabilityZone, parseArn, type ArnExpectation } from './aws-identifiers.js';
import type { Diagnostic } from './diagnostics.js';
import type { FisTemplateFault, MetricSpec, Scenario, Slo } from './types.js';
import { checkMathProbe } from './math-probe-rules.js';
import { expressionIds, expressionSyntaxProblem } from './metric-math-syntax.js';
import { closestMatch } from '../yaml/did-you-mean.js';

/**
 * The rules a JSON Schema cannot express: limits FIS enforces, AZs and ARNs that must belong to
 * the scenario's account and region, references between sections, and files the scenario names.
 * Runs only on a document the schema accepted, so the shapes here are the typed ones.
 */

/** What the rules need from outside: where things are written, and the files next to the scenario. */
export interface RuleContext {
  file: string;
  locate(path: readonly (string | number)[], options?: { key?: boolean }): SourcePosition;
  /** The path a scenario-relative name resolves to, if such a file exists (scenario directory first; with alsoCwd its parents, then cwd). */
  findFile(name: string, options: { alsoCwd: boolean }): Promise<string | { refused: string } | undefined>;
  readText(path: string): Promise<string | undefined>;
  /** Another file's validation (a scenario's world), shared by every file of the command that names it. */
  validated(path: string): Promise<FileValidation>;
}

type Path = (string | number)[];

/** az-power-interruption sub-actions that select by AZ name, and those that take the AZ ID (compile-az-power-interruption.ts). */
const NEEDS_AZ_NAME: readonly string[] = ['instances', 'asg', 'ebs', 'subnets', 'rds', 's3express'];
const MULTI_ACCOUNT_KINDS: readonly string[] = ['launches', 'elasticache', 'autoshift'];

/** FIS: a duration parameter runs from PT1M to PT12H (pause-volume-io from PT1S). */
const FIS_MAX_SECONDS = 12 * 3600;
const FIS_MIN_SECONDS = 60;
const MAX_STOP_CONDITIONS = 5;

export async function checkScenarioRules(scenario: Scenario, ctx: RuleContext): Promise<Diagnostic[]> {
  const out: Diagnostic[] = [];
  const report = (severity: Diagnostic['severity'], code: string, message: string, path: Path, options: { key?: boolean; hint?: string } = {}) => {
    const { line, col } = ctx.locate(path, { key: options.key ?? false });
    out.push({ file: ctx.file, line, col, severity, code, message, ...(options.hint ? { hint: options.hint } : {}) });
  };
  const error = (code: string, message: string, path: Path, options?: { key?: boolean; hint?: string }) => report('error', code, message, path, options);
  const warn = (code: string, message: string, path: Path, options?: { key?: boolean; hint?: string }) => report('warning', code, message, path, options);

  const { spec } = scenario;
  const { account, region } = spec.target;
  // The helpers skip values of the wrong type: on a document the schema rejected they would only
  // repeat its errors in worse words.
  const placed = typeof account === 'string' && typeof region === 'string';
  const targetAccounts = Array.isArray(spec.target.accounts) ? spec.target.accounts : undefined;
  /** Resources a multi-account experiment hits may be in any of its target accounts. */
  const resourceAccounts = new Set([account, ...(targetAccounts ?? []).map((a) => a.account)]);
  const arn = (value: string, expected: Omit<ArnExpectation, 'account' | 'region'>, path: Path, options: { inTargetAccounts?: boolean } = {}) => {
    if (typeof value !== 'string' || !placed) return;
    const owner = parseArn(value)?.account ?? '';
    const problem = checkArn(value, { ...expected, account: options.inTargetAccounts && resourceAccounts.has(owner) ? owner : account, region });
    if (problem) error(problem.code, problem.message, path);
  };
  const alarmRef = (value: string, path: Path) => {
    if (typeof value === 'string' && value.startsWith('arn:')) arn(value, { service: 'cloudwatch', resourcePrefix: 'alarm:' }, path);
  };
  const faultDuration = (value: string | undefined, path: Path, minSeconds = FIS_MIN_SECONDS) => {
    if (typeof value !== 'string') return;
    const seconds = durationSeconds(value);
    if (seconds === undefined) error('DURATION_INVALID', `"${value}" is not an ISO 8601 duration`, path, { hint: 'like PT30M or PT1H30M' });
    else if (seconds > FIS_MAX_SECONDS) error('DURATION_TOO_LONG', `${value} is longer than FIS allows (PT12H)`, path);
    else if (seconds < minSeconds) error('DURATION_TOO_SHORT', `${value} is shorter than FIS allows (PT${minSeconds >= 60 ? `${minSeconds / 60}M` : `${minSeconds}S`})`, path);
  };
  const az = (value: string, path: Path, only?: 'name') => {
    if (typeof value !== 'string' || !placed) return;
    const check = checkAvailabilityZone(value, region);
    if (!check.ok) error(check.problem === 'malformed' ? 'AZ_INVALID' : 'AZ_REGION_MISMATCH', check.message, path);
    else if (targetAccounts && check.kind === 'name') multiAccountAzName(value, path, only);
    else if (only === 'name' && check.kind !== 'name') error('AZ_INVALID', `"${value}" is an AZ ID; an AZ name (like ${region}a) is needed here`, path);
  };
  // FIS User Guide, multi-account experiments, best practices: name AZs by ID, which is the same in every account.
  const multiAccountAzName = (value: string, path: Path, only?: 'name') =>
    error('MULTI_ACCOUNT_AZ_NAME', `"${value}" is an AZ name; AZ names differ between accounts (${value} in one account is another AZ in the next), so a multi-account scenario names AZs by AZ ID`, path, {
      hint: only === 'name'
        ? 'this field matches AZ names only: target these resources by tags, subnet or ARN instead, or run one scenario per account'
        : `use the AZ ID (like ${azIdPrefix(region) ?? 'use1'}-az1): aws ec2 describe-availability-zones --zone-names ${value} --query 'AvailabilityZones[].ZoneId'`,
    });

  // Target accounts (multi-account)
  const seenAccounts = new Map<string, number>();
  (targetAccounts ?? []).forEach((target, i) => {
    if (typeof target?.account !== 'string' || typeof target.roleArn !== 'string') return;
    const path: Path = ['spec', 'target', 'accounts', i];
    const first = seenAccounts.get(target.account);
    if (first !== undefined) error('TARGET_ACCOUNT_DUPLICATE', `account ${target.account} is already spec.target.accounts[${first}]; FIS takes one role per target account`, [...path, 'account']);
    else seenAccounts.set(target.account, i);
    const problem = placed ? checkArn(target.roleArn, { service: 'iam', resourcePrefix: 'role/', account: target.account, region }) : undefined;
    if (problem) error(problem.code, problem.code === 'ARN_ACCOUNT_MISMATCH' ? `"${target.roleArn}" is in account ${parseArn(target.roleArn)?.account}, not in the target account ${target.account}: FIS assumes a role of that account there` : problem.message, [...path, 'roleArn']);
  });

  // Target
  arn(spec.target.roleArn, { service: 'iam', resourcePrefix: 'role/' }, ['spec', 'target', 'roleArn']);
  if (spec.target.resilienceHub) arn(spec.target.resilienceHub.appArn, { service: 'resiliencehub', resourcePrefix: 'app/' }, ['spec', 'target', 'resilienceHub', 'appArn']);
  if (spec.experiment?.logGroupArn) arn(spec.experiment.logGroupArn, { service: 'logs', resourcePrefix: 'log-group:' }, ['spec', 'experiment', 'logGroupArn']);

  // Fault
  const fault = spec.fault;
  const faultPath: Path = ['spec', 'fault'];
  switch (fault.type) {
    case 'az-power-interruption': {
      az(fault.availabilityZone, [...faultPath, 'availabilityZone']);
      if (fault.availabilityZoneName !== undefined) {
        az(fault.availabilityZoneName, [...faultPath, 'availabilityZoneName'], 'name');
        if (checkAvailabilityZone(fault.availabilityZone, region).ok && /[a-z]$/.test(fault.availabilityZone) && fault.availabilityZone !== fault.availabilityZoneName) {
          error('AZ_INVALID', `availabilityZoneName "${fault.availabilityZoneName}" differs from availabilityZone "${fault.availabilityZone}"`, [...faultPath, 'availabilityZoneName']);
        }
      }
      const needsName = (fault.include ?? ['instances', 'asg', 'ebs', 'subnets']).some((kind) => ['instances', 'asg', 'ebs', 'subnets'].includes(kind));
      const check = checkAvailabilityZone(fault.availabilityZone, region);
      if (check.ok && check.kind === 'id' && targetAccounts) {
        const byName = (fault.include ?? ['instances', 'asg', 'ebs', 'subnets', 'rds', 's3express']).filter((kind) => NEEDS_AZ_NAME.includes(kind));
        if (byName.length > 0) {
          error('MULTI_ACCOUNT_AZ_NAME', `fault.include has ${byName.join(', ')}, which FIS selects by AZ name (filters match Describe output; EBS and RDS take names); AZ names differ between accounts`, [...faultPath, fault.include ? 'include' : 'availabilityZone'], {
            hint: `in a multi-account scenario include only ${MULTI_ACCOUNT_KINDS.join(', ')} (they take the AZ ID), or run one scenario per account`,
          });
        }
      } else if (check.ok && check.kind === 'id' && fault.availabilityZoneName === undefined && needsName) {
        error('AZ_NAME_REQUIRED', `availabilityZone is the AZ ID "${fault.availabilityZone}"; instance and EBS filters match AZ names, so add availabilityZoneName`, [...faultPath, 'availabilityZone'], {
          hint: 'look it up with `aws ec2 describe-availability-zones --zone-ids ' + fault.availabilityZone + '`',
        });
      }
      faultDuration(fault.duration, [...faultPath, 'duration']);
      faultDuration(fault.networkDuration, [...faultPath, 'networkDuration']);
      fault.launchRoles?.forEach((role, i) => arn(role, { service: 'iam', resourcePrefix: 'role/' }, [...faultPath, 'launchRoles', i], { inTargetAccounts: true }));
      if (fault.include && !fault.include.includes('launches') && fault.launchRoles) {
        warn('UNUSED_FIELD', 'launchRoles is set but "launches" is not in include; it has no effect', [...faultPath, 'launchRoles'], { key: true });
      }
      break;
    }
    case 'az-application-slowdown':
    case 'cross-az-traffic-slowdown':
      az(fault.availabilityZone, [...faultPath, 'availabilityZone']);
      if (targetAccounts && fault.availabilityZoneName === undefined && checkAvailabilityZone(fault.availabilityZone, region).ok) {
        error('MULTI_ACCOUNT_AZ_NAME', `${fault.type} selects instances and tasks by AZ name (their filters match Describe output), and AZ names differ between accounts`, [...faultPath, 'type'], {
          hint: 'run one scenario per account, or write the actions as a fis-template targeting by tags',
        });
      }
      if (fault.availabilityZoneName !== undefined) az(fault.availabilityZoneName, [...faultPath, 'availabilityZoneName'], 'name');
      if (fault.type === 'cross-az-traffic-slowdown') fault.toAvailabilityZones.forEach((to, i) => az(to, [...faultPath, 'toAvailabilityZones', i]));
      faultDuration(fault.duration, [...faultPath, 'duration']);
      break;
    case 'cross-region-connectivity':
      faultDuration(fault.duration, [...faultPath, 'duration']);
      break;
    case 'ec2-spot-interruption':
      faultDuration(fault.durationBeforeInterruption, [...faultPath, 'durationBeforeInterruption'], 120);
      azFilters(fault.targets.filters, [...faultPath, 'targets', 'filters'], az);
      fault.targets.arns?.forEach((value, i) => arn(value, { service: 'ec2', resourcePrefix: 'instance/' }, [...faultPath, 'targets', 'arns', i], { inTargetAccounts: true }));
      if (fault.targets.arns && (fault.targets.tags || fault.targets.filters)) {
        error('TARGET_CONFLICT', 'FIS cannot combine resource ARNs with tags or filters in one target', [...faultPath, 'targets', 'arns'], { key: true });
      }
      break;
    case 'ec2-cpu-stress':
      faultDuration(fault.duration, [...faultPath, 'duration']);
      azFilters(fault.targets.filters, [...faultPath, 'targets', 'filters'], az);
      fault.targets.arns?.forEach((value, i) => arn(value, { service: 'ec2', resourcePrefix: 'instance/' }, [...faultPath, 'targets', 'arns', i], { inTargetAccounts: true }));
      if (fault.targets.arns && (fault.targets.tags || fault.targets.filters)) {
        error('TARGET_CONFLICT', 'FIS cannot combine resource ARNs with tags or filters in one target', [...faultPath, 'targets', 'arns'], { key: true });
      }
      break;
    case 'ecs-task-kill':
      if (fault.mode === 'stop-task' && (fault.processName !== undefined || fault.signal !== undefined)) {
        warn('UNUSED_FIELD', 'processName and signal apply only to mode kill-process', [...faultPath, fault.processName !== undefined ? 'processName' : 'signal'], { key: true });
      }
      break;
    case 'fis-template':
      checkRawTemplate(fault, faultPath, { error, warn, arn, az, faultDuration });
      break;
  }

  // Stop conditions
  const stops = spec.stopConditions ?? [];
  if (stops.length === 0 && spec.allowNoStopConditions === undefined) {
    error('NO_STOP_CONDITIONS', 'no stop conditions: nothing would stop the experiment if the game day goes wrong', spec.stopConditions ? ['spec', 'stopConditions'] : ['spec'], {
      key: true,
      hint: 'add a stop condition alarm, or say why there is none with allowNoStopConditions: <reason>',
    });
  }
  if (stops.length > 0 && spec.allowNoStopConditions !== undefined) {
    warn('UNUSED_FIELD', 'allowNoStopConditions is set although there are stop conditions', ['spec', 'allowNoStopConditions'], { key: true });
  }
  if (stops.length > MAX_STOP_CONDITIONS) {
    error('TOO_MANY_STOP_CONDITIONS', `${stops.length} stop conditions; FIS allows at most ${MAX_STOP_CONDITIONS} per experiment template`, ['spec', 'stopConditions', MAX_STOP_CONDITIONS]);
  }
  const stopSeen = new Set<string>();
  stops.forEach((stop, i) => {
    alarmRef(stop.alarm, ['spec', 'stopConditions', i, 'alarm']);
    if (stopSeen.has(stop.alarm)) warn('DUPLICATE_ITEM', `stop condition "${stop.alarm}" is listed twice`, ['spec', 'stopConditions', i]);
    stopSeen.add(stop.alarm);
  });

  // Steady state
  const probeNames = new Map<string, number>();
  spec.steadyState.forEach((probe, i) => {
    const first = probeNames.get(probe.name);
    if (first !== undefined) error('DUPLICATE_PROBE_NAME', `probe name "${probe.name}" is already used by steadyState[${first}]`, ['spec', 'steadyState', i, 'name']);
    else probeNames.set(probe.name, i);
    if ('alarm' in probe) alarmRef(probe.alarm, ['spec', 'steadyState', i, 'alarm']);
    else if ('metrics' in probe) {
      probe.metrics.forEach((q, j) => q.metricStat && metricPeriod(q.metricStat, ['spec', 'steadyState', i, 'metrics', j, 'metricStat'], error));
      for (const p of checkMathProbe(probe, ['spec', 'steadyState', i])) error(p.code, p.message, p.path, { ...(p.key ? { key: true } : {}), ...(p.hint ? { hint: p.hint } : {}) });
    } else metricPeriod(probe.metric, ['spec', 'steadyState', i, 'metric'], error);
  });

  // Impact in numbers: only a count adds up over a window.
  (spec.impact ?? []).forEach((count, i) => {
    const path: Path = ['spec', 'impact', i];
    if (count.metric) {
      metricPeriod(count.metric, [...path, 'metric'], error);
      if (!COUNT_STATS.has(count.metric.stat)) {
        error('IMPACT_NOT_A_COUNT', `impact[${i}] "${count.name}": stat ${count.metric.stat} does not add up over a window`, [...path, 'metric', 'stat'], { hint: 'use Sum (or SampleCount) of a count metric: 5xx responses, failed payments, connection errors' });
      }
    }
    if (count.probe !== undefined) {
      const probe = spec.steadyState.find((p) => p.name === count.probe);
      if (probe && 'metrics' in probe) {
        error('IMPACT_NOT_A_COUNT', `impact[${i}] "${count.name}": probe ${probe.name} is metric math; an impact count totals one count metric`, [...path, 'probe'], { hint: 'give the count metric itself (metric:), e.g. the 5xx count the rate divides' });
      } else if (!probe || 'alarm' in probe) {
        error('IMPACT_PROBE_UNKNOWN', `impact[${i}] "${count.name}": "${count.probe}" is not a steady-state metric probe`, [...path, 'probe'], {
          hint: `name one of: ${spec.steadyState.filter((p) => 'metric' in p).map((p) => p.name).join(', ') || '(no metric probes)'}; or give the metric itself`,
        });
      } else if (!COUNT_STATS.has(probe.metric.stat)) {
        error('IMPACT_NOT_A_COUNT', `impact[${i}] "${count.name}": probe ${probe.name}'s stat ${probe.metric.stat} does not add up over a window`, [...path, 'probe'], { hint: 'name a probe whose stat is Sum or SampleCount, or give a count metric' });
      }
    }
  });

  // Detection and runbook
  const runbookAlarms = new Set(spec.runbook?.alarms ?? []);
  const detectionSeen = new Set<string>();
  (spec.detection ?? []).forEach((expectation, i) => {
    const path: Path = ['spec', 'detection', i];
    alarmRef(expectation.alarm, [...path, 'alarm']);
    if (detectionSeen.has(expectation.alarm)) warn('DUPLICATE_ITEM', `detection alarm "${expectation.alarm}" is listed twice`, path);
    detectionSeen.add(expectation.alarm);
    if (spec.runbook && !runbookAlarms.has(expectation.alarm) && !runbookAlarms.has(alarmName(expectation.alarm))) {
      error('DETECTION_NOT_IN_RUNBOOK', `detection alarm "${expectation.alarm}" is not in runbook.alarms; responders would not know what it means`, [...path, 'alarm'], {
        hint: 'add it to spec.runbook.alarms (and to the runbook itself)',
      });
    }
  });

  // Recovery
  const recovery = spec.recovery;
  if (recovery.dataLoss) metricPeriod(recovery.dataLoss.metric, ['spec', 'recovery', 'dataLoss', 'metric'], error);
  if (recovery.rpo !== undefined && !recovery.dataLoss && !spec.target.resilienceHub) {
    warn('RPO_NOT_MEASURED', 'recovery.rpo is set but there is no dataLoss probe, so RPO will not be measured', ['spec', 'recovery', 'rpo'], { key: true });
  }
  const settle = recovery.settle === undefined ? undefined : durationSeconds(recovery.settle);
  const watch = recovery.watch === undefined ? undefined : durationSeconds(recovery.watch);
  if (settle !== undefined && watch !== undefined && settle > watch) {
    error('SETTLE_LONGER_THAN_WATCH', `recovery.settle (${recovery.settle}) is longer than recovery.watch (${recovery.watch}); recovery could never be confirmed`, ['spec', 'recovery', 'settle']);
  }

  // Schedule
  if (spec.schedule) await checkSchedule(spec.schedule, { error, warn });

  // Files the scenario names
  if (typeof spec.runbook?.path === 'string') {
    const found = await ctx.findFile(spec.runbook.path, { alsoCwd: true });
    if (typeof found === 'object') {
      error('RUNBOOK_OUTSIDE', `runbook "${spec.runbook.path}" ${found.refused}`, ['spec', 'runbook', 'path'], { hint: 'keep the runbook in the scenario’s repository, as a regular file (not a symlink out of it)' });
    } else if (!found) {
      error('RUNBOOK_NOT_FOUND', `runbook "${spec.runbook.path}" does not exist (looked next to the scenario, in the folders above it, then in the working directory)`, ['spec', 'runbook', 'path']);
    } else {
      const text = await ctx.readText(found);
      const missing = [...(spec.runbook.alarms ?? []), ...(spec.runbook.sops ?? [])].filter((name) => text !== undefined && !text.includes(name));
      if (missing.length > 0) {
        warn('RUNBOOK_STALE', `the runbook ${spec.runbook.path} does not mention ${missing.map((m) => `"${m}"`).join(', ')}`, ['spec', 'runbook', 'path'], {
          hint: 'write down what responders do when these fire',
        });
      }
    }
  }
  if (spec.slo) checkSlo(spec.slo, error);
  if (typeof spec.sandbox?.world === 'string') {
    // CloudWatch evaluates all of metric math, the sandbox its arithmetic: only `run --sandbox` refuses the rest.
    const { notEmulated } = await import('../../sandbox/services/metric-math.js');
    spec.steadyState.forEach((probe, i) => {
      if (!('metrics' in probe)) return;
      probe.metrics.forEach((q, j) => {
        const why = q.expression === undefined || expressionSyntaxProblem(q.expression) ? undefined : notEmulated(q.expression);
        if (why) {
          warn('SANDBOX_MATH_NOT_EMULATED', `steadyState[${i}] "${probe.name}": the sandbox cannot evaluate ${q.id}'s expression (${why}); CloudWatch can, but \`gameday run --sandbox\` refuses this scenario`, ['spec', 'steadyState', i, 'metrics', j, 'expression'], {
            hint: 'to rehearse it on the sandbox, write the expression with + - * / and parentheses over query ids',
          });
        }
      });
    });
    for (const key of ['good', 'bad', 'total'] as const) {
      const series = spec.slo?.[key];
      if (!series || !('expression' in series) || expressionSyntaxProblem(series.expression)) continue;
      const why = notEmulated(series.expression);
      if (why) {
        warn('SANDBOX_MATH_NOT_EMULATED', `spec.slo.${key}: the sandbox cannot evaluate its expression (${why}); CloudWatch can, but \`gameday run --sandbox\` refuses this scenario`, ['spec', 'slo', key, 'expression'], {
          hint: 'to rehearse it on the sandbox, write the expression with + - * / and parentheses over its metrics',
        });
      }
    }
    const found = await ctx.findFile(spec.sandbox.world, { alsoCwd: false });
    if (typeof found === 'object') error('WORLD_OUTSIDE', `sandbox world "${spec.sandbox.world}" ${found.refused}`, ['spec', 'sandbox', 'world'], { hint: 'keep the world file in the scenario’s repository, as a regular file (not a symlink out of it)' });
    else if (!found) warn('WORLD_NOT_FOUND', `sandbox world "${spec.sandbox.world}" does not exist next to the scenario`, ['spec', 'sandbox', 'world'], { hint: `\`gameday run --sandbox\` needs it: gameday world init ${ctx.file} --out ${join(dirname(ctx.file), spec.sandbox.world)} writes one` });
    else {
      // Cross-check against a world that is itself valid; an invalid one is named here (run --sandbox refuses it), its errors when it is validated.
      const world = await ctx.validated(found);
      const firstError = world.diagnostics.find((d) => d.severity === 'error');
      if (!world.valid || world.kind !== 'World') {
        const why = firstError ? `${firstError.file}:${firstError.line}:${firstError.col} ${firstError.code} ${firstError.message}` : `its kind is ${JSON.stringify(world.kind)}, not World`;
        error('WORLD_INVALID', `sandbox world "${spec.sandbox.world}" is not a valid world: ${why}`, ['spec', 'sandbox', 'world'], { hint: `gameday validate ${spec.sandbox.world} lists every problem (docs/sandbox-world.md)` });
      } else if (world.document) {
        const { crossCheckWorld } = await import('../../sandbox/world/world-cross-check.js');
        const { compileFault } = await import('../plan/compile.js');
        // A fault that does not compile has no targets to resolve: the compile step reports it.
        const fault = compileFault(spec.fault, { region: spec.target.region, account: spec.target.account });
        const targets = fault.problems.length ? {} : fault.targets;
        for (const p of crossCheckWorld(scenario, world.document.value as Parameters<typeof crossCheckWorld>[1], spec.sandbox.world, targets)) {
          error('WORLD_MISMATCH', p.message, p.path, { hint: `add it to ${spec.sandbox.world}, or fix the name here (gameday validate ${spec.sandbox.world})` });
        }
      }
    }
  }
  return out;
}

/** Every id an SLO expression names is one of its metrics; the period is one CloudWatch accepts. */
function checkSlo(slo: Slo, error: Report): void {
  for (const key of ['good', 'bad', 'total'] as const) {
    const series = slo[key];
    if (!series || !('expression' in series)) continue;
    for (const id of expressionIds(series.expression).filter((id) => !(id in series.metrics))) {
      const near = closestMatch(id, Object.keys(series.metrics));
      error('SLO_EXPRESSION_UNKNOWN_ID', `spec.slo.${key}.expression names ${id}, which is not one of its metrics (${Object.keys(series.metrics).join(', ')})`, ['spec', 'slo', key, 'expression'], {
        hint: near ? `did you mean ${near}?` : `add ${id} under spec.slo.${key}.metrics`,
      });
    }
  }
  if (slo.period !== undefined) metricPeriod({ period: slo.period } as MetricSpec, ['spec', 'slo'], error);
}

type Report = (code: string, message: string, path: Path, options?: { key?: boolean; hint?: string }) => void;

function alarmName(ref: string): string {
  const at = ref.indexOf(':alarm:');
  return ref.startsWith('arn:') && at >= 0 ? ref.slice(at + ':alarm:'.length) : ref;
}

/** CloudWatch accepts 1, 5, 10, 30 or a multiple of 60 seconds. */
const COUNT_STATS = new Set(['Sum', 'SampleCount']);

function metricPeriod(metric: MetricSpec, path: Path, error: Report): void {
  const period = metric?.period;
  if (typeof period === 'number' && ![1, 5, 10, 30].includes(period) && period % 60 !== 0) {
    error('METRIC_PERIOD_INVALID', `period ${period} is not one CloudWatch accepts (1, 5, 10, 30 or a multiple of 60 seconds)`, [...path, 'period']);
  }
}

function checkRawTemplate(
  fault: FisTemplateFault,
  faultPath: Path,
  check: {
    error: Report;
    warn: Report;
    arn: (value: string, expected: Omit<ArnExpectation, 'account' | 'region'>, path: Path, options?: { inTargetAccounts?: boolean }) => void;
    az: (value: string, path: Path, only?: 'name') => void;
    faultDuration: (value: string | undefined, path: Path, minSeconds?: number) => void;
  },
): void {
  const targets = fault.targets ?? {};
  const used = new Set<string>();
  for (const [name, action] of Object.entries(fault.actions)) {
    const path: Path = [...faultPath, 'actions', name];
    for (const [param, value] of Object.entries(action.parameters ?? {})) {
      if (param === 'duration' || param === 'startInstancesAfterDuration') {
        check.faultDuration(value, [...path, 'parameters', param], action.actionId === 'aws:ebs:pause-volume-io' ? 1 : FIS_MIN_SECONDS);
      }
      if (/^availabilityZoneIdentifiers?$/.test(param)) azList(value, [...path, 'parameters', param], check.az);
    }
    for (const [key, target] of Object.entries(action.targets ?? {})) {
      used.add(target);
      if (!(target in targets)) {
        check.error('FIS_UNKNOWN_TARGET', `action "${name}" uses target "${target}" (as ${key}), which is not defined under targets`, [...path, 'targets', key]);
      }
    }
    (action.startAfter ?? []).forEach((after, i) => {
      if (!(after in fault.actions)) check.error('FIS_UNKNOWN_ACTION', `action "${name}" starts after "${after}", which is not an action here`, [...path, 'startAfter', i]);
    });
    if (action.actionId === 'aws:ec2:stop-instances' && action.parameters?.startInstancesAfterDuration === undefined && !fault.allowStopWithoutRestart) {
      check.error('STOP_WITHOUT_RESTART', `action "${name}" stops instances and never starts them again`, [...path, 'actionId'], {
        hint: 'set parameters.startInstancesAfterDuration, or allowStopWithoutRestart: true if that is really intended',
      });
    }
  }
  const cycle = findCycle(fault);
  if (cycle) check.error('FIS_ACTION_CYCLE', `actions wait for each other in a cycle: ${cycle.join(' → ')}`, [...faultPath, 'actions', cycle[0]!], { key: true });
  for (const [name, target] of Object.entries(targets)) {
    const path: Path = [...faultPath, 'targets', name];
    if (!used.has(name)) check.warn('UNUSED_TARGET', `target "${name}" is not used by any action`, path, { key: true });
    if (target.resourceArns && (target.resourceTags || target.filters)) {
      check.error('TARGET_CONFLICT', `target "${name}": FIS cannot combine resourceArns with resourceTags or filters`, [...path, 'resourceArns'], { key: true });
    }
    target.resourceArns?.forEach((value, i) => check.arn(value, {}, [...path, 'resourceArns', i], { inTargetAccounts: true }));
    azFilters(target.filters, [...path, 'filters'], check.az);
    for (const [param, value] of Object.entries(target.parameters ?? {})) {
      if (/^(writerA|a)vailabilityZoneIdentifiers?$/.test(param)) azList(value, [...path, 'parameters', param], check.az);
    }
  }
}

/** Filters on an AZ match the Describe output: AZ names. */
function azFilters(filters: { path: string; values: string[] }[] | undefined, path: Path, az: (value: string, path: Path, only?: 'name') => void): void {
  filters?.forEach((filter, i) => {
    if (/(^|\.)AvailabilityZone$/.test(filter.path)) filter.values.forEach((value, j) => az(value, [...path, i, 'values', j], 'name'));
  });
}

function azList(value: string, path: Path, az: (value: string, path: Path) => void): void {
  for (const item of value.split(',').map((s) => s.trim())) if (item !== 'all') az(item, path);
}

function findCycle(fault: FisTemplateFault): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const names = Object.keys(fault.actions);
  for (const start of names) {
    // Iterative DFS: action graphs are small, but the input is still untrusted.
    const stack: { name: string; next: number; trail: string[] }[] = [{ name: start, next: 0, trail: [start] }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      if (top.next === 0) {
        if (state.get(top.name) === 'done') {
          stack.pop();
          continue;
        }
        state.set(top.name, 'visiting');
      }
      const after = (fault.actions[top.name]?.startAfter ?? []).filter((a) => a in fault.actions);
      if (top.next < after.length) {
        const next = after[top.next++]!;
        if (state.get(next) === 'visiting') return [...top.trail.slice(top.trail.indexOf(next)), next];
        if (state.get(next) !== 'done') stack.push({ name: next, next: 0, trail: [...top.trail, next] });
      } else {
        state.set(top.name, 'done');
        stack.pop();
      }
    }
  }
  return undefined;
}

async function checkSchedule(schedule: NonNullable<Scenario['spec']['schedule']>, report: { error: Report; warn: Report }): Promise<void> {
  const path: Path = ['spec', 'schedule'];
  if (schedule.timezone !== undefined && !isIanaTimeZone(schedule.timezone)) {
    report.error('TIMEZONE_INVALID', `"${schedule.timezone}" is not an IANA time zone`, [...path, 'timezone'], { hint: 'like Europe/Berlin or America/New_York' });
  }
  // croner is needed only here; scenarios without a schedule never load it. Whether a pattern
  // ever fires does not depend on the zone, and leaving the zone out spares loading ICU zone data.
  const [{ Cron }, { bothDayFieldsRestricted }] = await Promise.all([import('croner'), import('../schedule/day-fields.js')]);
  try {
    const cron = new Cron(schedule.cron, { paused: true, mode: '5-part' });
    if (cron.nextRun() === null) report.warn('CRON_NEVER_RUNS', `"${schedule.cron}" never fires`, [...path, 'cron']);
    const both = schedule.dayFieldsOr === true ? undefined : bothDayFieldsRestricted(schedule.cron);
    if (both) {
      report.error('CRON_DAY_FIELDS_OR', `"${schedule.cron}" restricts both day-of-month and day-of-week, so it fires when either matches (classic cron), not when both do`, [...path, 'cron'], {
        hint: both.meant
          ? `for that weekday in that week of the month write "${both.meant}"; if you mean either day, add dayFieldsOr: true`
          : 'for the nth weekday of the month use DAY#n (e.g. "0 10 * * TUE#1", the first Tuesday); if you mean either day, add dayFieldsOr: true',
      });
    }
  } catch (error) {
    report.error('CRON_INVALID', `"${schedule.cron}" is not a valid cron expression: ${(error as Error).message}`, [...path, 'cron'], {
      hint: 'five fields: minute hour day-of-month month day-of-week, e.g. "0 10 * * TUE"',
    });
  }
  const { weeklyWindow, blockedDate } = await import('../schedule/practice-run-windows.js');
  for (const [key, check] of [['blockedWindows', weeklyWindow], ['allowedWindows', weeklyWindow], ['blockedDates', blockedDate]] as const) {
    (schedule[key] ?? []).forEach((text, i) => {
      try {
        check(text);
      } catch (error) {
        report.error('SCHEDULE_WINDOW_INVALID', (error as Error).message, [...path, key, i], { hint: 'weekly windows are UTC, as in an ARC practice-run configuration: Mon:20:30-Mon:21:30 or MON-20:30-21:30; dates 2026-12-24' });
      }
    });
  }
  (schedule.blackouts ?? []).forEach((blackout, i) => {
    const from = Date.parse(blackout.from);
    const to = Date.parse(blackout.to);
    if (Number.isNaN(from)) report.error('BLACKOUT_INVALID', `"${blackout.from}" is not a valid date`, [...path, 'blackouts', i, 'from']);
    if (Number.isNaN(to)) report.error('BLACKOUT_INVALID', `"${blackout.to}" is not a valid date`, [...path, 'blackouts', i, 'to']);
    if (!Number.isNaN(from) && !Number.isNaN(to) && to < from) {
      report.error('BLACKOUT_INVALID', `blackout ends (${blackout.to}) before it starts (${blackout.from})`, [...path, 'blackouts', i, 'to']);
    }
  });
}

/** The canonical zone list is cheap to read; building a DateTimeFormat (for aliases such as US/Eastern) costs ~100 ms of ICU loading. */
let canonicalZones: Set<string> | undefined;

function isIanaTimeZone(zone: string): boolean {
  canonicalZones ??= new Set(Intl.supportedValuesOf('timeZone'));
  if (zone === 'UTC' || canonicalZones.has(zone)) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
