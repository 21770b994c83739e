import { oneLine } from '../control-characters.js';
import { humanDuration } from '../duration.js';
import { SIMULATION_NOTE } from '../../report/sections-people.js';
import { timingsLines } from '../../report/sections-timings.js';
import type { Measurement } from '../verdict/types.js';
import type { RunGameDayResult } from './run-game-day.js';
import { stopCommands, templateCleanupCommands } from './stop-commands.js';
import { stopConfirmed } from './stop-experiment.js';

function measurement(name: string, m: Measurement): string {
  const target = m.targetSeconds !== undefined ? ` (target ${humanDuration(m.targetSeconds)} from ${m.targetSource ?? 'scenario'})` : '';
  if (m.state === 'not-measured') return `${name}: not measured${target}`;
  if (m.state === 'unrecovered') return `${name}: UNRECOVERED within the watch window${target}`;
  return `${name}: ${humanDuration(m.measuredSeconds ?? 0)}${target}${m.met === false ? ' — BREACHED' : m.met ? ' — met' : ''}`;
}

/** What to do when FIS never confirmed the stop: the experiment may still be injecting its fault. */
function unconfirmedLines(result: RunGameDayResult): string[] {
  const u = result.unconfirmedStop;
  if (!u) return [];
  const commands = stopCommands({ runDir: result.runDir, experimentId: u.experimentId, region: result.region, ...(result.endpoint ? { endpoint: result.endpoint } : {}) });
  return [`  experiment ${u.experimentId} may still be running (FIS last reported ${u.lastState}); the run stays unfinished. Stop it with any of:`, ...commands.map((c) => `    ${c}`)];
}

/** The template's fate; when FIS would not delete it, how to (an embedded sandbox took it with it when it ended). */
function templateLines(result: RunGameDayResult): string[] {
  if (!result.templateId) return [];
  if (result.templateDeleteFailed === undefined) {
    return [`  template ${result.templateId} ${result.templateDeleted ? 'deleted' : result.unconfirmedStop ? 'kept until the stop is confirmed (abort deletes it)' : 'kept (--keep-template)'}`];
  }
  const failed = `  template ${result.templateId} NOT deleted: ${result.templateDeleteFailed}`;
  if (result.mode === 'sandbox') return [`${failed} (the embedded sandbox ended with this run, and the template with it)`];
  const commands = templateCleanupCommands({ runDir: result.runDir, templateId: result.templateId, region: result.region, ...(result.endpoint ? { endpoint: result.endpoint } : {}) });
  return [`${failed}; it is left in the account. Delete it with either of:`, ...commands.map((c) => `    ${c}`)];
}

/** What the run did to the scenario's action items, when it did anything. */
function actionItemLines(result: RunGameDayResult): string[] {
  const a = result.actionItems;
  if (!a) return [];
  const parts = (
    [
      ['opened', a.opened],
      ['carried', a.carried],
      ['closed', a.closed],
      ['regressed', a.regressed],
    ] as const
  ).filter(([, ids]) => ids.length > 0);
  if (parts.length === 0) return [];
  return [`  action items: ${parts.map(([word, ids]) => `${ids.length} ${word}`).join(', ')} (gameday actions list ${result.scenario})`];
}

/** The few lines a person reads on stdout after a run. */
export function runSummary(result: RunGameDayResult): string {
  const v = result.verdict;
  const lines = [
    result.simulation ? SIMULATION_NOTE : '',
    `${v.outcome}: game day ${result.scenario} ${result.status}${result.reason ? ` (${result.reason})` : ''}`,
    `  run ${result.runId}${result.experimentId ? `, experiment ${result.experimentId} (${result.experimentState ?? 'unknown'})` : ''}`,
    `  ${measurement('RTO', v.rto)}`,
    `  ${measurement('RPO', v.rpo)}`,
    ...v.impactCounts.map((c) => `  impact: ${c.summary}`),
    ...result.stops.map((s) =>
      stopConfirmed(s) ? `  stopped by ${s.by}: ${s.reason} (${s.stoppedState}${s.stopLatencyMs !== undefined ? ` in ${s.stopLatencyMs} ms` : ''})` : `  stop requested by ${s.by}: ${s.reason} (not confirmed: FIS last reported ${s.stoppedState ?? 'nothing'})`,
    ),
    ...unconfirmedLines(result),
    ...v.expectations.map((e) => `  ${e.passed ? '✓' : e.checked === false ? '?' : '✗'} ${e.description}: ${e.evidence}`),
    ...(v.gaps.length ? [`  gaps (${v.gaps.length}):`, ...v.gaps.map((g) => `    [${g.severity}] ${g.kind}: ${g.title}`)] : []),
    ...(v.facilitated ? ['  human timings (this run’s own, from each disruption’s start):', ...timingsLines(v).map((l) => `    ${l}`)] : []),
    ...actionItemLines(result),
    ...templateLines(result),
    `  reports: ${result.runDir}/`,
  ];
  return lines.filter(Boolean).map(oneLine).join('\n');
}
