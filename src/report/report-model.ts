import type { ActionItemsUpdated, JournalEvent, RunStarted, TargetAccountsConfigured } from '../core/journal/events.js';
import type { Plan, PlannedProbe } from '../core/plan/types.js';
import type { Verdict } from '../core/verdict/types.js';
import { buildPeopleReport, type PeopleReport } from '../core/people/people-report.js';
import { fisSection, type FisSection } from './fis-section.js';
import { timeline, type TimelineEntry } from './timeline.js';
import { probePeriodSeconds, returnedQuery } from '../core/plan/probes.js';

/** Everything a renderer needs, built once from the journal and its verdict. Renderers never read the journal themselves. */
export interface ReportModel {
  verdict: Verdict;
  run: {
    runId: string;
    scenario: string;
    scenarioFile: string;
    description?: string;
    owner?: string;
    participants: string[];
    planHash: string;
    faultType: string;
    mode: RunStarted['mode'];
    account: string;
    /** A multi-account run's target accounts, as FIS configured them on the template (target-accounts-configured). */
    targetAccounts?: TargetAccountsConfigured['accounts'];
    region: string;
    gamedayVersion: string;
    startedAt: string;
    scheduledFor?: string;
    runbook?: Plan['runbook'];
    /** the runbook's address relative to the report files (the run directory), and in the repository (gameday.config.yaml's repositoryUrl) */
    runbookLinks?: { relative?: string; repository?: string };
    resilienceHubApp?: string;
    experimentId?: string;
    /** the process that ran it (run-started), for telling a live run from an abandoned one */
    pid?: number;
  };
  /** What FIS said beyond the experiment's state: state.error, the safety lever, its experiment report. */
  fis?: FisSection;
  timeline: TimelineEntry[];
  series: {
    /** points[].time: the end of the datapoint's period (CloudWatch stamps the start) */
    /** expression: a math probe's value as written ("100 * errors / requests") */
    probes: { name: string; role: 'steady-state' | 'data-loss'; expression?: string; threshold?: { op: string; value: number }; points: { time: string; value: number; ok: boolean }[] }[];
    alarms: { alarm: string; roles: string[]; transitions: { time: string; state: string }[] }[];
  };
  people: PeopleReport;
  /** What the run did to the scenario's action items (its action-items event); absent when it was not followed up. */
  actionItems?: Omit<ActionItemsUpdated, 'type'>;
}


export function buildReportModel(events: JournalEvent[], verdict: Verdict): ReportModel {
  const ordered = events;
  const started = ordered.find((e): e is Extract<JournalEvent, { type: 'run-started' }> => e.type === 'run-started')!;
  const { plan } = started;
  const targetAccounts = ordered.find((e): e is JournalEvent & TargetAccountsConfigured => e.type === 'target-accounts-configured')?.accounts;
  const experimentId = ordered.find((e): e is Extract<JournalEvent, { type: 'experiment-started' }> => e.type === 'experiment-started')?.experimentId;
  return {
    verdict,
    run: {
      runId: started.runId,
      scenario: plan.scenario.name,
      scenarioFile: plan.scenario.file,
      ...(plan.scenario.description ? { description: plan.scenario.description } : {}),
      ...(plan.scenario.owner ? { owner: plan.scenario.owner } : {}),
      participants: plan.scenario.participants ?? [],
      planHash: plan.hash,
      faultType: plan.scenario.faultType,
      mode: started.mode,
      account: started.account,
      ...(targetAccounts ? { targetAccounts } : {}),
      region: started.region,
      gamedayVersion: started.gamedayVersion,
      startedAt: started.at,
      ...(started.scheduledFor ? { scheduledFor: started.scheduledFor } : {}),
      ...(plan.runbook ? { runbook: plan.runbook } : {}),
      ...runbookLinks(started),
      ...(plan.target.resilienceHubAppArn ? { resilienceHubApp: plan.target.resilienceHubAppArn } : {}),
      ...(experimentId ? { experimentId } : {}),
      ...(started.pid !== undefined ? { pid: started.pid } : {}),
    },
    ...withFis(fisSection(ordered, plan, started.region)),
    timeline: timeline(ordered),
    series: series(ordered, plan),
    people: buildPeopleReport(ordered),
    ...actionItemsOf(ordered),
  };
}

function withFis(fis: FisSection | undefined): { fis?: FisSection } {
  return fis ? { fis } : {};
}

function actionItemsOf(events: JournalEvent[]): Pick<ReportModel, 'actionItems'> {
  const followed = events.findLast((e): e is JournalEvent & ActionItemsUpdated => e.type === 'action-items');
  if (!followed) return {};
  const { type: _type, seq: _seq, at: _at, ...actionItems } = followed;
  return { actionItems };
}

function runbookLinks(started: RunStarted): { runbookLinks?: NonNullable<ReportModel['run']['runbookLinks']> } {
  const location = started.runbookLocation;
  // A journal from before fromRunDir was journalled has nothing portable to link to.
  if (!location?.fromRunDir) return {};
  return { runbookLinks: { relative: location.fromRunDir, ...(location.repositoryUrl ? { repository: location.repositoryUrl } : {}) } };
}

function expressionOf(probe: PlannedProbe | undefined): { expression?: string } {
  const value = probe?.math ? returnedQuery(probe.math) : undefined;
  return value && 'expression' in value ? { expression: value.expression } : {};
}

function series(events: JournalEvent[], plan: Plan): ReportModel['series'] {
  const samples = events.filter((e): e is Extract<JournalEvent, { type: 'probe-sample' }> => e.type === 'probe-sample');
  const probeNames = [...plan.probes.filter((p) => p.kind === 'metric').map((p) => p.name), ...(plan.recovery.dataLoss ? [plan.recovery.dataLoss.name] : [])];
  const probes = probeNames.map((name) => {
    const planned = plan.probes.find((p) => p.name === name) ?? plan.recovery.dataLoss;
    const own = samples.filter((s) => s.probe === name).sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp));
    return {
      name,
      role: own[0]?.role ?? (planned === plan.recovery.dataLoss ? ('data-loss' as const) : ('steady-state' as const)),
      ...expressionOf(planned),
      ...(planned?.threshold ? { threshold: planned.threshold } : {}),
      // A datapoint aggregates its period: it is placed at the period's end, on the same clock as the verdict.
      points: own.map((s) => ({ time: new Date(Date.parse(s.timestamp) + probePeriodSeconds(planned) * 1000).toISOString(), value: s.value, ok: s.ok })),
    };
  });
  const alarmEvents = events.filter((e): e is Extract<JournalEvent, { type: 'alarm-state' }> => e.type === 'alarm-state');
  const names = [...new Set([...plan.stopConditions.map((s) => s.alarm), ...plan.probes.flatMap((p) => (p.alarm ? [p.alarm] : [])), ...plan.detection.map((d) => d.alarm), ...alarmEvents.map((a) => a.alarm)])];
  const alarms = names.map((alarm) => {
    const own = alarmEvents.filter((a) => a.alarm === alarm).sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp));
    const roles = new Set<string>(own.flatMap((a) => a.role));
    if (plan.stopConditions.some((s) => s.alarm === alarm)) roles.add('stop-condition');
    if (plan.detection.some((d) => d.alarm === alarm)) roles.add('detection');
    if (plan.probes.some((p) => p.alarm === alarm)) roles.add('steady-state');
    return { alarm, roles: [...roles].sort(), transitions: own.map((a) => ({ time: a.timestamp, state: a.state })) };
  });
  return { probes, alarms };
}
