import type { JournalEvent } from '../core/journal/events.js';
import { numberText, withRoundedValues } from '../core/number-text.js';
import { probePeriodSeconds } from '../core/plan/probes.js';

/** What an observation gap's reads feed, as the timeline names it. */
const GAP_READS = { alarms: 'alarm probes', probes: 'metric probes', slo: 'the SLO burn rate' } as const;

export interface TimelineEntry {
  seq: number;
  /** service time when the event carries one, else the service time last seen before it */
  time?: string;
  /** the wall clock when gameday wrote it */
  at: string;
  kind: 'run' | 'preflight' | 'experiment' | 'action' | 'alarm' | 'probe' | 'stop' | 'note' | 'mark' | 'resilience-hub' | 'restoration' | 'api';
  /** where the time comes from: FIS's own fields, CloudWatch alarm history, a probe datapoint (its period's end), a note, or gameday's last service time seen */
  source: 'FIS' | 'CloudWatch alarm' | 'probe' | 'note' | 'mark' | 'gameday';
  text: string;
  /** true when the entry is bad news (a breach, an alarm, a failure) */
  alert?: boolean;
}

/**
 * The whole journal as timeline entries on one clock, sorted by service time (write order among equal
 * times; an entry without a service time stays after the one before it). The experiment's start is
 * FIS's startTime, from the first observation that carries it when StartExperiment's answer did not.
 */
export function timeline(events: JournalEvent[]): TimelineEntry[] {
  const fisStart = events.flatMap((e) => (e.type === 'experiment-state' && e.startTime ? [e.startTime] : e.type === 'experiment-started' && e.startTime ? [e.startTime] : []))[0];
  const entries = events.flatMap(timelineBuilder()).map((t) => (t.kind === 'experiment' && t.text.startsWith('experiment ') && t.text.endsWith(' started') && fisStart ? { ...t, time: fisStart, source: 'FIS' as const } : t));
  let last = -Infinity;
  const keyed = entries.map((t, i) => {
    if (t.time) last = Date.parse(t.time);
    return { t, i, key: last };
  });
  return keyed.sort((a, b) => a.key - b.key || a.i - b.i).map((k) => k.t);
}

/**
 * Journal events → timeline entries, one event at a time, so the report's timeline and the live log of
 * a run on a terminal say the same thing. Holds what it needs to report changes only: the service time
 * last seen, each action's state, each probe's last verdict.
 */
export function timelineBuilder(): (event: JournalEvent) => TimelineEntry[] {
  let lastService: string | undefined;
  const periods = new Map<string, number>();
  const lastOk = new Map<string, boolean>();
  const actionSeen = new Map<string, string>();
  // A deletion is news only after one failed (abort cleaning up); every run ends with one.
  const deleteFailed = new Set<string>();
  return (e) => {
    const entries: TimelineEntry[] = [];
    const push = (kind: TimelineEntry['kind'], text: string, time: string | undefined = lastService, alert = false, source: TimelineEntry['source'] = 'gameday') =>
      entries.push({ seq: e.seq, ...(time ? { time } : {}), at: e.at, kind, source, text, ...(alert ? { alert } : {}) });
    switch (e.type) {
      case 'run-started':
        for (const p of [...e.plan.probes, ...(e.plan.recovery.dataLoss ? [e.plan.recovery.dataLoss] : [])]) periods.set(p.name, probePeriodSeconds(p));
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
      case 'run-alarm-created':
        push('experiment', `alarm ${e.alarm} created for the run: the SLO's burn-rate stop condition`);
        break;
      case 'run-alarm-delete-failed':
        push('experiment', `alarm ${e.alarm} could not be deleted: ${e.message} (delete it with aws cloudwatch delete-alarms --alarm-names ${e.alarm})`, lastService, true);
        break;
      case 'template-created':
        push('experiment', `experiment template ${e.templateId} created`);
        break;
      case 'target-accounts-configured':
        push('experiment', `target accounts configured: ${e.accounts.map((a) => `${a.accountId} (${a.roleArn})`).join(', ')}`);
        break;
      case 'template-delete-failed':
        deleteFailed.add(e.templateId);
        push('experiment', `experiment template ${e.templateId} could not be deleted: ${e.message} (it is left in the account until gameday abort deletes it)`, lastService, true);
        break;
      case 'template-deleted':
        if (deleteFailed.delete(e.templateId)) push('experiment', `experiment template ${e.templateId} deleted (by gameday abort)`);
        break;
      case 'experiment-started':
        lastService = e.startTime ?? lastService;
        push('experiment', `experiment ${e.experimentId} started`, lastService, false, e.startTime ? 'FIS' : 'gameday');
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
          const own = a.state === 'running' || a.state === 'pending' ? a.startTime : a.endTime;
          push('action', `action ${name} ${a.state}${a.reason ? ` (${a.reason})` : ''}`, time, /fail|stopp|cancel/.test(a.state), own ? 'FIS' : 'gameday');
        }
        if (/completed|stopped|failed|cancelled/.test(e.state)) {
          const error = e.error ? ` (state.error ${[e.error.code ?? 'no code', ...(e.error.location ? [`at ${e.error.location}`] : [])].join(' ')})` : '';
          push('experiment', `experiment ${e.state}${e.reason ? `: ${e.reason}` : ''}${error}`, e.endTime ?? lastService, e.state !== 'completed', e.endTime ? 'FIS' : 'gameday');
        }
        const times = [e.endTime, ...Object.values(e.actions).flatMap((a) => [a.startTime, a.endTime])].filter((t): t is string => !!t).sort();
        if (times.length > 0 && (!lastService || times.at(-1)! > lastService)) lastService = times.at(-1);
        break;
      }
      case 'alarm-state':
        lastService = e.timestamp > (lastService ?? '') ? e.timestamp : lastService;
        push('alarm', `${e.alarm} → ${e.state} [${e.role.join(', ')}]${e.reason ? ` ${withRoundedValues(e.reason)}` : ''}`, e.timestamp, e.state === 'ALARM', 'CloudWatch alarm');
        break;
      case 'probe-sample': {
        // A datapoint aggregates its period: it is known, and shown, at the period's end.
        const period = periods.get(e.probe) ?? 60;
        const end = new Date(Date.parse(e.timestamp) + period * 1000).toISOString();
        lastService = end > (lastService ?? '') ? end : lastService;
        // Only changes go on the timeline; the values are in the probe table and chart.
        if (e.role === 'steady-state' && lastOk.get(e.probe) !== e.ok) {
          lastOk.set(e.probe, e.ok);
          push('probe', `${e.probe} ${e.ok ? 'holds' : 'breached'} (${numberText(e.value)}, the ${period}s period from ${e.timestamp.slice(11, 19)}Z)`, end, !e.ok, 'probe');
        }
        break;
      }
      case 'stop-requested':
        push('stop', `stop requested by ${e.by}: ${e.reason}${e.stopLatencyMs !== undefined ? ` — stopped in ${(e.stopLatencyMs / 1000).toFixed(1)}s` : ''}`, lastService, true);
        break;
      case 'safety-lever':
        push('experiment', `FIS safety lever ${e.status}${e.reason ? `: ${e.reason}` : ''} — it ${e.experimentState} the experiment`, lastService, true);
        break;
      case 'experiment-report':
        push('experiment', `FIS experiment report ${e.status}${e.reports.length ? `: ${e.reports.map((r) => r.arn).join(', ')}` : e.reason ? `: ${e.reason}` : ''}`, lastService, e.status === 'failed');
        break;
      case 'note':
        push('note', `note${e.author ? ` (${e.author})` : ''}${e.tag ? ` [${e.tag}]` : ''}: ${e.text}`, e.time ?? lastService, false, 'note');
        break;
      case 'mark':
        push('mark', `${e.by ?? 'someone'} marked ${e.mark}${e.text ? `: ${e.text}` : ''}${e.timeSource === 'last-observation' ? ' (at the last service time observed)' : ''}`, e.time, false, 'mark');
        break;

      case 'restoration': {
        const failed = e.checks.filter((c) => !c.ok);
        push('restoration', failed.length === 0 ? `restoration: ${e.checks.length} check(s) ok` : `restoration: ${failed.map((c) => `${c.subject}: ${c.message}`).join('; ')}`, lastService, failed.length > 0);
        break;
      }
      case 'api-problem':
        push('api', `${e.operation}: ${e.message}${e.retrying ? ' (retrying)' : ''}`, lastService, !e.retrying);
        break;
      case 'observation-gap':
        push('api', `${GAP_READS[e.reads]} not read ${e.until ? `from ${e.from} to ${e.until}` : `from ${e.from} to the end of the watch`} (${e.failures} failed ${e.operation} poll${e.failures === 1 ? '' : 's'}: ${e.message})`, e.from, e.until === undefined);
        break;
      case 'run-ended':
        push('run', `run ${e.status}${e.reason ? `: ${e.reason}` : ''}`, lastService, e.status !== 'completed');
        break;
      default:
        break;
    }
    return entries;
  };
}
