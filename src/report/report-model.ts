import type { JournalEvent, RunStarted } from '../core/journal/events.js';
import type { Plan } from '../core/plan/types.js';
import type { Verdict } from '../core/verdict/types.js';

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
    region: string;
    gamedayVersion: string;
    startedAt: string;
    scheduledFor?: string;
    runbook?: Plan['runbook'];
    resilienceHubApp?: string;
    experimentId?: string;
  };
  timeline: TimelineEntry[];
  series: {
    probes: { name: string; role: 'steady-state' | 'data-loss'; threshold?: { op: string; value: number }; points: { time: string; value: number; ok: boolean }[] }[];
    alarms: { alarm: string; roles: string[]; transitions: { time: string; state: string }[] }[];
  };
}

export interface TimelineEntry {
  seq: number;
  /** service time when the event carries one, else the service time last seen before it */
  time?: string;
  /** the wall clock when gameday wrote it */
  at: string;
  kind: 'run' | 'preflight' | 'experiment' | 'action' | 'alarm' | 'probe' | 'stop' | 'note' | 'resilience-hub' | 'restoration' | 'api';
  text: string;
  /** true when the entry is bad news (a breach, an alarm, a failure) */
  alert?: boolean;
}

export function buildReportModel(events: JournalEvent[], verdict: Verdict): ReportModel {
  const ordered = events;
  const started = ordered.find((e): e is Extract<JournalEvent, { type: 'run-started' }> => e.type === 'run-started')!;
  const { plan } = started;
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
      region: started.region,
      gamedayVersion: started.gamedayVersion,
      startedAt: started.at,
      ...(started.scheduledFor ? { scheduledFor: started.scheduledFor } : {}),
      ...(plan.runbook ? { runbook: plan.runbook } : {}),
      ...(plan.target.resilienceHubAppArn ? { resilienceHubApp: plan.target.resilienceHubAppArn } : {}),
      ...(experimentId ? { experimentId } : {}),
    },
    timeline: timeline(ordered),
    series: series(ordered, plan),
  };
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
      ...(planned?.threshold ? { threshold: planned.threshold } : {}),
      points: own.map((s) => ({ time: s.timestamp, value: s.value, ok: s.ok })),
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

function timeline(events: JournalEvent[]): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  let lastService: string | undefined;
  const lastOk = new Map<string, boolean>();
  const actionSeen = new Map<string, string>();
  for (const e of events) {
    const push = (kind: TimelineEntry['kind'], text: string, time: string | undefined = lastService, alert = false) =>
      entries.push({ seq: e.seq, ...(time ? { time } : {}), at: e.at, kind, text, ...(alert ? { alert } : {}) });
    switch (e.type) {
      case 'run-started':
        push('run', `run ${e.runId} started (${e.mode}${e.endpoint ? ` ${e.endpoint}` : ''}, account ${e.account}, ${e.region})`);
        break;
      case 'preflight': {
        const failed = e.checks.filter((c) => !c.ok);
        push('preflight', failed.length === 0 ? `preflight: ${e.checks.length} checks ok` : `preflight: ${failed.map((c) => `${c.subject} failed (${c.message})`).join('; ')}`, lastService, failed.length > 0);
        break;
      }
      case 'resilience-hub':
        push('resilience-hub', e.policy ? `Resilience Hub policy ${e.policy.name ?? e.policy.policyArn} captured${e.assessment ? `, assessment ${Object.entries(e.assessment.compliance).map(([k, v]) => `${k} ${v.complianceStatus}`).join(', ')}` : ''}` : `Resilience Hub: ${e.note ?? 'no data'}`);
        break;
      case 'template-created':
        push('experiment', `experiment template ${e.templateId} created`);
        break;
      case 'experiment-started':
        lastService = e.startTime ?? lastService;
        push('experiment', `experiment ${e.experimentId} started`);
        break;
      case 'targets-resolved':
        push('experiment', `targets resolved: ${e.targets.length} resource(s)`);
        break;
      case 'experiment-state': {
        for (const [name, a] of Object.entries(e.actions)) {
          const key = `${a.state}`;
          if (actionSeen.get(name) === key) continue;
          actionSeen.set(name, key);
          const time = a.state === 'running' || a.state === 'pending' ? (a.startTime ?? lastService) : (a.endTime ?? lastService);
          push('action', `action ${name} ${a.state}${a.reason ? ` (${a.reason})` : ''}`, time, /fail|stopp|cancel/.test(a.state));
        }
        if (/completed|stopped|failed|cancelled/.test(e.state)) push('experiment', `experiment ${e.state}${e.reason ? `: ${e.reason}` : ''}`, e.endTime ?? lastService, e.state !== 'completed');
        const times = [e.endTime, ...Object.values(e.actions).flatMap((a) => [a.startTime, a.endTime])].filter((t): t is string => !!t).sort();
        if (times.length > 0 && (!lastService || times.at(-1)! > lastService)) lastService = times.at(-1);
        break;
      }
      case 'alarm-state':
        lastService = e.timestamp > (lastService ?? '') ? e.timestamp : lastService;
        push('alarm', `${e.alarm} → ${e.state} [${e.role.join(', ')}]${e.reason ? ` ${e.reason}` : ''}`, e.timestamp, e.state === 'ALARM');
        break;
      case 'probe-sample': {
        lastService = e.timestamp > (lastService ?? '') ? e.timestamp : lastService;
        // Only changes go on the timeline; the values are in the probe table and chart.
        if (e.role === 'steady-state' && lastOk.get(e.probe) !== e.ok) {
          lastOk.set(e.probe, e.ok);
          push('probe', `${e.probe} ${e.ok ? 'holds' : 'breached'} (${e.value})`, e.timestamp, !e.ok);
        }
        break;
      }
      case 'stop-requested':
        push('stop', `stop requested by ${e.by}: ${e.reason}${e.stopLatencyMs !== undefined ? ` — stopped in ${(e.stopLatencyMs / 1000).toFixed(1)}s` : ''}`, lastService, true);
        break;
      case 'note':
        push('note', `note${e.author ? ` (${e.author})` : ''}: ${e.text}`);
        break;
      case 'restoration': {
        const failed = e.checks.filter((c) => !c.ok);
        push('restoration', failed.length === 0 ? `restoration: ${e.checks.length} check(s) ok` : `restoration: ${failed.map((c) => `${c.subject}: ${c.message}`).join('; ')}`, lastService, failed.length > 0);
        break;
      }
      case 'api-problem':
        push('api', `${e.operation}: ${e.message}${e.retrying ? ' (retrying)' : ''}`, lastService, !e.retrying);
        break;
      case 'run-ended':
        push('run', `run ${e.status}${e.reason ? `: ${e.reason}` : ''}`, lastService, e.status !== 'completed');
        break;
      default:
        break;
    }
  }
  return entries;
}
