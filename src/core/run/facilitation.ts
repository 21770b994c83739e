import { humanDuration } from '../duration.js';
import type { JournalEvent, JournalEventBody, MarkKind } from '../journal/events.js';
import { markBody, noteBody } from '../journal/human-entries.js';
import type { Plan } from '../plan/types.js';
import type { RunHost } from './host.js';
import type { ServiceClock } from './service-clock.js';
import { thresholdText } from '../number-text.js';

/**
 * `run --facilitated`: the room is told what to look for (from the plan and its runbook) and the
 * reporter types marks as things happen. Marks are stamped on the run's service clock, so a mark
 * typed at sandbox speed lands where it happened; `gameday mark` from another terminal still works.
 */

const KEYS: Record<string, MarkKind> = { d: 'detected', e: 'engaged', m: 'mitigated', r: 'recovered' };

export type RoomInput = { kind: 'mark'; mark: MarkKind; text?: string } | { kind: 'note'; text: string } | { kind: 'help' };

/** "d pager went off" → a detected mark; "detected", "n text" / "note text", "?" → help; anything else: undefined. */
export function parseRoomInput(line: string): RoomInput | undefined {
  const trimmed = line.trim();
  if (trimmed === '') return undefined;
  if (trimmed === '?' || trimmed === 'help') return { kind: 'help' };
  const [word, ...rest] = trimmed.split(/\s+/);
  const text = rest.join(' ').trim();
  const key = word!.toLowerCase();
  if (key === 'n' || key === 'note') return text ? { kind: 'note', text } : { kind: 'help' };
  const mark = KEYS[key] ?? (Object.values(KEYS) as string[]).find((m) => m === key);
  return mark ? { kind: 'mark', mark: mark as MarkKind, ...(text ? { text } : {}) } : undefined;
}

export const ROOM_KEYS = 'd = detected, e = engaged, m = mitigated, r = recovered (each may be followed by a few words), n <text> = a note, ? = this help';

/** What the facilitator reads out before the fault goes in: what happens, what to watch, what the runbook says, how to mark. */
export function lookFor(plan: Plan, runDir: string): string[] {
  const people = plan.gameDay;
  const detection = plan.detection.map((d) => `${d.alarm} (should fire within ${humanDuration(d.withinSeconds)}${d.after ? ` of ${d.after}` : ''})`);
  const steady = plan.probes.map((p) => (p.alarm ? `alarm ${p.alarm} stays OK` : `${p.name} ${p.threshold ? thresholdText(p.threshold) : 'holds'}`));
  return [
    `FACILITATED game day ${plan.scenario.name}${plan.scenario.description ? `: ${plan.scenario.description}` : ''}`,
    ...(people ? [`  roles: coordinator ${people.coordinator ?? 'not named'}, reporter ${people.reporter ?? 'not named'}${people.observers.length ? `, observers ${people.observers.join(', ')}` : ''}`] : []),
    `  the fault: ${plan.actions.map((a) => `${a.name} at +${humanDuration(a.startSeconds)}${a.durationSeconds ? ` for ${humanDuration(a.durationSeconds)}` : ''} (${a.hits})`).join('; ')}`,
    `  healthy looks like: ${steady.join(', ') || 'no steady-state probe declared'}`,
    `  look for: ${detection.length ? `alarms ${detection.join(', ')}` : 'no detection alarm is declared — watch the dashboards and the pager'}; recovery should take at most ${plan.recovery.rtoSeconds !== undefined ? humanDuration(plan.recovery.rtoSeconds) : 'the Resilience Hub policy’s RTO'}`,
    ...(plan.runbook
      ? [`  runbook: ${plan.runbook.path}${plan.runbook.sops.length ? ` — SOPs ${plan.runbook.sops.join(', ')}` : ''}${plan.runbook.alarms.length ? `; alarms it covers ${plan.runbook.alarms.join(', ')}` : ''}`]
      : ['  runbook: none declared (spec.runbook): the room works from memory — note what was missing']),
    `  reporter, type a mark when it happens: ${ROOM_KEYS}`,
    `  from another terminal: gameday mark ${runDir} detected|engaged|mitigated|recovered [--at +4m] [--by NAME] ["text"]`,
  ];
}

/** Asks the room for its next mark, in the order an incident goes. */
function nextPrompt(done: Set<MarkKind>): string {
  const next = (['detected', 'engaged', 'mitigated', 'recovered'] as MarkKind[]).find((m) => !done.has(m));
  return next ? `next mark: ${next} (${next[0]})` : 'every mark is in; notes still welcome (n <text>)';
}

/**
 * Takes the reporter's marks and notes from the terminal while the watch runs. Each goes into the
 * journal through the run's own writer, on the service clock. Returns the function that stops listening.
 */
export function facilitateRoom(plan: Plan, host: RunHost, journal: (body: JournalEventBody) => Promise<JournalEvent>, clock: ServiceClock): () => void {
  if (!host.interactive || !host.lines) return () => undefined;
  const done = new Set<MarkKind>();
  const by = plan.gameDay?.reporter;
  const say = (message: string, code = 'RUN_FACILITATION'): void => host.notify({ level: 'info', code, message });
  say(nextPrompt(done));
  return host.lines((line) => {
    const input = parseRoomInput(line);
    if (!input || input.kind === 'help') {
      if (line.trim() !== '') say(`${input ? '' : `"${line.trim()}" is not a mark. `}${ROOM_KEYS}`);
      return;
    }
    const body = input.kind === 'mark' ? markBody([], { mark: input.mark, ...(by ? { by } : {}), ...(input.text ? { text: input.text } : {}) }, clock.now()) : { ...noteBody([], { text: input.text, ...(by ? { author: by } : {}) }), time: clock.now().toISOString() };
    const what = input.kind === 'mark' ? `the ${input.mark} mark` : 'the note';
    void journal(body).then(
      () => {
        if (input.kind === 'mark') done.add(input.mark);
        say(`${input.kind === 'mark' ? `marked ${input.mark}` : 'noted'} at ${body.type === 'mark' ? body.time : clock.now().toISOString()}; ${nextPrompt(done)}`);
      },
      // The watch goes on (the run's own writes report their failures); the room must know to type it again.
      (error: unknown) => host.notify({ level: 'warn', code: 'RUN_FACILITATION', message: `${what} was not journalled: ${error instanceof Error ? error.message : String(error)}; type it again, or add it later with gameday mark/note --at` }),
    );
  });
}
