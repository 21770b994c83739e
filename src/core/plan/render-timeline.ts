import { humanDuration } from '../duration.js';
import type { Plan } from './types.js';

const WIDTH = 48;

/**
 * The actions as an ASCII Gantt chart: '#' while an action runs, '^' for an instantaneous one,
 * '.' for idle time; one row per action in template order, start and end on the right.
 */
export function renderGantt(plan: Plan): string[] {
  const total = Math.max(plan.faultSeconds, 1);
  const nameWidth = Math.max(...plan.actions.map((a) => a.name.length), 6);
  const column = (seconds: number): number => Math.min(WIDTH - 1, Math.floor((seconds / total) * WIDTH));
  const axis = `${' '.repeat(nameWidth)}  ${scale(total)}`;
  const rows = plan.actions.map((action) => {
    const cells = Array.from({ length: WIDTH }, () => '.');
    const from = column(action.startSeconds);
    if (action.durationSeconds === 0) cells[from] = '^';
    else {
      const to = Math.max(from + 1, Math.ceil(((action.startSeconds + action.durationSeconds) / total) * WIDTH));
      for (let i = from; i < Math.min(to, WIDTH); i++) cells[i] = '#';
    }
    const when =
      action.durationSeconds === 0
        ? `at ${humanDuration(action.startSeconds)}`
        : `${humanDuration(action.startSeconds)} → ${humanDuration(action.startSeconds + action.durationSeconds)}`;
    const marks = [action.injectsFault ? 'disruption start' : '', action.rollback === 'not rolled back' ? 'not rolled back' : ''].filter(Boolean);
    return `${action.name.padEnd(nameWidth)}  |${cells.join('')}| ${when}${marks.length ? `  (${marks.join(', ')})` : ''}`;
  });
  return [axis, ...rows];
}

/** "0             15m            30m           45m  1h 00m" over the chart's width. */
function scale(total: number): string {
  const line = Array.from({ length: WIDTH + 2 }, () => ' ');
  const put = (col: number, text: string): void => {
    const start = Math.max(0, Math.min(col, line.length - text.length));
    for (let i = 0; i < text.length; i++) line[start + i] = text[i]!;
  };
  put(1, '0');
  // An all-instant plan has no length to mark.
  if (total <= 1) return line.join('').trimEnd();
  put(1 + Math.floor(WIDTH / 2) - 1, humanDuration(total / 2));
  put(WIDTH + 2 - humanDuration(total).length, humanDuration(total));
  return line.join('').trimEnd();
}

/** How each action is ordered: "after Stop-Instances, Stop-ASG-Instances" or "at experiment start". */
export function ordering(plan: Plan, actionName: string): string {
  const after = plan.template.actions[actionName]?.startAfter ?? [];
  return after.length ? `after ${after.join(', ')}` : 'at experiment start';
}
