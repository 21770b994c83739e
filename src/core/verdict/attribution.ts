import { fisAction } from '../plan/fis-catalog.js';
import { actionStates, ms, type JournalFacts } from './journal-facts.js';

/** One action's service window as FIS reported it (startTime/endTime of the action). */
export interface ActionWindow {
  name: string;
  start?: number;
  end?: number;
  state: string;
}

/** Every planned action that injects something (not a wait), with its FIS start/end. */
export function actionWindows(facts: JournalFacts): ActionWindow[] {
  const states = actionStates(facts);
  return facts.plan.actions
    .filter((a) => !fisAction(a.actionId)?.notAFault)
    .map((a) => {
      const s = states.get(a.name);
      return { name: a.name, state: s?.state ?? 'not started', ...(s?.startTime ? { start: ms(s.startTime) } : {}), ...(s?.endTime ? { end: ms(s.endTime) } : {}) };
    });
}

/** The actions running at a service time: started at or before it and not ended before it. */
export function runningAt(windows: ActionWindow[], at: number): string[] {
  return windows.filter((w) => w.start !== undefined && w.start <= at && (w.end === undefined || w.end >= at)).map((w) => w.name);
}

/** Words for what was running at a time: "during A, B", or "after A ended" once every action had. */
export function attributionText(windows: ActionWindow[], at: number): string {
  const running = runningAt(windows, at);
  if (running.length > 0) return `during ${running.join(', ')}`;
  const ended = windows.filter((w) => w.end !== undefined && w.end < at).sort((a, b) => a.end! - b.end!);
  return ended.length > 0 ? `after ${ended.at(-1)!.name} ended` : 'before any action started';
}
