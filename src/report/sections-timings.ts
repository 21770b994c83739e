import { humanDuration } from '../core/duration.js';
import type { DisruptionTimings, Timing, Verdict } from '../core/verdict/types.js';
import { escapeXml as x, markdownCell as cell } from './escape.js';
import { clockText } from './wording.js';

/** The human timings of each disruption, one row per time-to-X, for every report format. */

export const TIMING_ROWS: { key: keyof Pick<DisruptionTimings, 'detectByAlarm' | 'detectByPeople' | 'engage' | 'mitigate' | 'recover' | 'recoverByPeople'>; label: string; id: string }[] = [
  { key: 'detectByAlarm', label: 'Time to detect, by alarm', id: 'detect.alarm' },
  { key: 'detectByPeople', label: 'Time to detect, by people', id: 'detect.people' },
  { key: 'engage', label: 'Time to engage', id: 'engage' },
  { key: 'mitigate', label: 'Time to mitigate', id: 'mitigate' },
  { key: 'recover', label: 'Time to recover, by probes', id: 'recover.probes' },
  { key: 'recoverByPeople', label: 'Time to recover, by people', id: 'recover.people' },
];

export function timingValue(t: Timing): string {
  return t.seconds === undefined ? '—' : `${t.seconds < 0 ? '−' : ''}${humanDuration(Math.abs(t.seconds))}`;
}

function sourceText(t: Timing, faultStart: string | undefined): string {
  return `${t.source}${t.at ? `, ${clockText(t.at, faultStart)}` : ''}${t.text ? ` — “${t.text}”` : ''}`;
}

function heading(d: DisruptionTimings, faultStart: string | undefined): string {
  return d.kind === 'fault' ? `Disruption ${d.n}: the fault, from ${clockText(d.start, faultStart)} (${d.startSource})` : `Disruption ${d.n}: relapse, from ${clockText(d.start, faultStart)} (${d.startSource})`;
}

const INTRO = 'Each value is this run’s own, measured from the disruption’s start, with its source; never an average over runs.';
const NONE = 'Not measured: the fault was never injected.';

export function timingsMarkdown(v: Verdict): string[] {
  const out = ['## Human timings', ''];
  if (v.humanTimings.length === 0) return [...out, NONE, ''];
  out.push(INTRO, '');
  for (const d of v.humanTimings) {
    out.push(`**${cell(heading(d, v.disruptionStart))}**`, '', '| | Time | Source |', '|---|---|---|');
    for (const r of TIMING_ROWS) out.push(`| ${r.label} | ${timingValue(d[r.key])} | ${cell(sourceText(d[r.key], v.disruptionStart))} |`);
    out.push('');
  }
  return out;
}

export function timingsHtml(v: Verdict): string[] {
  const out = ['<section><h2>Human timings</h2>'];
  if (v.humanTimings.length === 0) return [...out, `<p>${x(NONE)}</p>`, '</section>'];
  out.push(`<p class="muted">${x(INTRO)}</p>`);
  for (const d of v.humanTimings) {
    out.push(`<h3>${x(heading(d, v.disruptionStart))}</h3><div class="scroll"><table><thead><tr><th></th><th>Time</th><th>Source</th></tr></thead><tbody>`);
    for (const r of TIMING_ROWS) out.push(`<tr><td>${x(r.label)}</td><td class="mono">${x(timingValue(d[r.key]))}</td><td>${x(sourceText(d[r.key], v.disruptionStart))}</td></tr>`);
    out.push('</tbody></table></div>');
  }
  out.push('</section>');
  return out;
}

export function timingsLines(v: Verdict): string[] {
  return v.humanTimings.flatMap((d) => [heading(d, v.disruptionStart), ...TIMING_ROWS.map((r) => `  ${r.label.padEnd(27)} ${timingValue(d[r.key]).padEnd(8)} ${sourceText(d[r.key], v.disruptionStart)}`)]);
}

/** JUnit <property> pairs: timing.<n>.<id> = seconds, for dashboards that chart them per run. */
export function timingsProperties(v: Verdict): { name: string; value: string }[] {
  return v.humanTimings.flatMap((d) => TIMING_ROWS.flatMap((r) => (d[r.key].seconds === undefined ? [] : [{ name: `timing.${d.n}.${r.id}.seconds`, value: String(d[r.key].seconds) }])));
}
