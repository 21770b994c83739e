import { humanDuration } from '../duration.js';
import type { Measurement } from '../verdict/types.js';
import type { RunGameDayResult } from './run-game-day.js';

function measurement(name: string, m: Measurement): string {
  const target = m.targetSeconds !== undefined ? ` (target ${humanDuration(m.targetSeconds)} from ${m.targetSource ?? 'scenario'})` : '';
  if (m.state === 'not-measured') return `${name}: not measured${target}`;
  if (m.state === 'unrecovered') return `${name}: UNRECOVERED within the watch window${target}`;
  return `${name}: ${humanDuration(m.measuredSeconds ?? 0)}${target}${m.met === false ? ' — BREACHED' : m.met ? ' — met' : ''}`;
}

/** The few lines a person reads on stdout after a run. */
export function runSummary(result: RunGameDayResult): string {
  const v = result.verdict;
  const lines = [
    `${result.passed ? 'PASSED' : 'FAILED'}: game day ${result.scenario} ${result.status}${result.reason ? ` (${result.reason})` : ''}`,
    `  run ${result.runId}${result.experimentId ? `, experiment ${result.experimentId} (${result.experimentState ?? 'unknown'})` : ''}`,
    `  ${measurement('RTO', v.rto)}`,
    `  ${measurement('RPO', v.rpo)}`,
    ...result.stops.map((s) => `  stopped by ${s.by}: ${s.reason}${s.stopLatencyMs !== undefined ? ` (stopped in ${s.stopLatencyMs} ms)` : ` (last seen ${s.stoppedState ?? 'unknown'})`}`),
    ...v.expectations.map((e) => `  ${e.passed ? '✓' : '✗'} ${e.description}: ${e.evidence}`),
    ...(v.gaps.length ? [`  gaps (${v.gaps.length}):`, ...v.gaps.map((g) => `    [${g.severity}] ${g.kind}: ${g.title}`)] : []),
    result.templateId ? `  template ${result.templateId} ${result.templateDeleted ? 'deleted' : 'kept'}` : '',
    `  reports: ${result.runDir}/`,
  ];
  return lines.filter(Boolean).join('\n');
}
