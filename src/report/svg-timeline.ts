import { humanDuration } from '../core/duration.js';
import { escapeXml as x } from './escape.js';
import type { ReportModel } from './report-model.js';
import { numberText, thresholdText } from '../core/number-text.js';

const WIDTH = 960;
const LABEL = 200;
const RIGHT = 16;
const ROW = 22;
const CHART = 64;
/** The timeline's CSS (it uses the page's --ok, --bad and --warn colours): report.html and the live page. */
export const TIMELINE_STYLE = `svg.timeline{display:block;min-width:640px;font-size:11px}
svg .section{font-weight:700;fill:#333}svg .label{fill:#333}svg .axis{fill:#777;font-size:10px}
svg .grid{stroke:#eee}svg .series{fill:none;stroke:#1565c0;stroke-width:1.5}svg .threshold{stroke:var(--bad);stroke-dasharray:4 3}
svg .budget{fill:#2e7d32;opacity:.07}svg .marker{stroke-width:1.5}svg .fault{stroke:#6a1b9a}svg .budget-end{stroke:var(--ok);stroke-dasharray:6 3}
svg .recovered{stroke:#1565c0;stroke-dasharray:2 2}svg .marker-label{fill:#333;font-size:10px;font-weight:700}
svg .impact{fill:var(--bad);opacity:.10}svg .impact.relapse{opacity:.22}svg .detected{fill:var(--ok)}svg .detected-late{fill:var(--warn)}svg .note{fill:#f9a825;stroke:#333}svg .mark{fill:#6a1b9a;stroke:#333}
`;

const STATE_COLOUR: Record<string, string> = { OK: '#2e7d32', ALARM: '#c62828', INSUFFICIENT_DATA: '#9e9e9e' };

/**
 * The run on one time axis (service time): each action's fault window, each alarm's states, each metric
 * probe's values against its threshold, and markers for the fault start, detections, recovery and the RTO budget.
 */
export function renderTimelineSvg(model: ReportModel): string {
  const v = model.verdict;
  const times = [
    ...v.impact.flatMap((a) => [a.startTime, a.endTime]),
    ...model.series.alarms.flatMap((a) => a.transitions.map((t) => t.time)),
    ...model.series.probes.flatMap((p) => p.points.map((q) => q.time)),
    v.disruptionStart,
    v.faultEnd,
    v.recoveredAt,
    ...v.impactIntervals.flatMap((i) => [i.start, i.end]),
  ]
    .filter((t): t is string => !!t)
    .map((t) => Date.parse(t));
  const start = v.disruptionStart ? Date.parse(v.disruptionStart) : undefined;
  const budgetEnd = start !== undefined && v.rto.targetSeconds !== undefined ? start + v.rto.targetSeconds * 1000 : undefined;
  if (budgetEnd !== undefined) times.push(budgetEnd);
  if (times.length === 0) return '<p class="muted">Nothing was observed on the service clock, so there is no timeline to draw.</p>';
  const from = Math.min(...times, start !== undefined ? start - 60_000 : Infinity);
  const to = Math.max(...times, from + 60_000);
  const plot = WIDTH - LABEL - RIGHT;
  const px = (t: number) => LABEL + ((t - from) / (to - from)) * plot;
  const parts: string[] = [];
  let y = 42;

  const section = (title: string) => {
    parts.push(`<text x="4" y="${y + 12}" class="section">${x(title)}</text>`);
    y += ROW;
  };
  const label = (text: string, cy: number) => parts.push(`<text x="${LABEL - 6}" y="${cy + 14}" text-anchor="end" class="label">${x(clip(text, 28))}<title>${x(text)}</title></text>`);

  section('Fault (FIS actions)');
  for (const a of v.impact) {
    label(a.action, y);
    if (a.startTime) {
      const s = Date.parse(a.startTime);
      const e = a.endTime ? Date.parse(a.endTime) : to;
      const w = Math.max(2, px(e) - px(s));
      const colour = /stopp|fail|cancel/.test(a.state) ? '#ef6c00' : '#6a1b9a';
      parts.push(`<rect x="${px(s).toFixed(1)}" y="${y + 4}" width="${w.toFixed(1)}" height="${ROW - 8}" rx="2" fill="${colour}" opacity="0.75"><title>${x(`${a.action} ${a.state}: ${a.startTime} → ${a.endTime ?? 'still running'}; ${a.resources.length} resource(s)`)}</title></rect>`);
    } else {
      parts.push(`<text x="${LABEL + 4}" y="${y + 14}" class="muted">${x(a.state)}</text>`);
    }
    y += ROW;
  }

  section('Alarms');
  for (const a of model.series.alarms) {
    label(`${a.alarm}`, y);
    a.transitions.forEach((t, i) => {
      const s = Math.max(Date.parse(t.time), from);
      const e = i + 1 < a.transitions.length ? Date.parse(a.transitions[i + 1]!.time) : to;
      if (e <= from) return;
      parts.push(
        `<rect x="${px(s).toFixed(1)}" y="${y + 5}" width="${Math.max(1, px(e) - px(s)).toFixed(1)}" height="${ROW - 10}" fill="${STATE_COLOUR[t.state] ?? '#9e9e9e'}"><title>${x(`${a.alarm} ${t.state} from ${t.time}`)}</title></rect>`,
      );
    });
    if (a.transitions.length === 0) parts.push(`<text x="${LABEL + 4}" y="${y + 14}" class="muted">no transitions observed</text>`);
    y += ROW;
  }

  for (const p of model.series.probes) {
    section(`${p.role === 'data-loss' ? 'Data loss' : 'Probe'}: ${p.name}${p.expression ? ` = ${p.expression}` : ''}${p.threshold ? ` (${thresholdText(p.threshold)})` : ' (seconds)'}`);
    const values = p.points.map((q) => q.value);
    if (values.length === 0) {
      parts.push(`<text x="${LABEL + 4}" y="${y + 14}" class="muted">no datapoints</text>`);
      y += ROW;
      continue;
    }
    const lo = Math.min(0, ...values, p.threshold?.value ?? 0);
    const peak = Math.max(...values, p.threshold?.value ?? 0);
    const hi = peak * 1.1 || 1;
    const py = (value: number) => y + CHART - ((value - lo) / (hi - lo)) * CHART;
    parts.push(`<text x="${LABEL - 6}" y="${(py(peak) + 4).toFixed(1)}" text-anchor="end" class="axis">${x(numberText(peak))}</text><text x="${LABEL - 6}" y="${y + CHART}" text-anchor="end" class="axis">${x(numberText(lo))}</text>`);
    if (p.threshold) parts.push(`<line x1="${LABEL}" x2="${WIDTH - RIGHT}" y1="${py(p.threshold.value).toFixed(1)}" y2="${py(p.threshold.value).toFixed(1)}" class="threshold"><title>threshold ${x(thresholdText(p.threshold))}</title></line>`);
    const line = p.points.map((q) => `${px(Date.parse(q.time)).toFixed(1)},${py(q.value).toFixed(1)}`).join(' ');
    parts.push(`<polyline points="${line}" class="series"/>`);
    for (const q of p.points) {
      parts.push(`<circle cx="${px(Date.parse(q.time)).toFixed(1)}" cy="${py(q.value).toFixed(1)}" r="3" fill="${q.ok ? '#1565c0' : '#c62828'}"><title>${x(`${p.name} ${numberText(q.value)} at ${q.time}${q.ok ? '' : ' (breached)'}`)}</title></circle>`);
    }
    y += CHART + 10;
  }

  const top = 34;
  const bottom = y;
  const markers: string[] = [];
  // Impact intervals first, under every other marker: when the steady state did not hold.
  for (const i of v.impactIntervals) {
    const s0 = px(Date.parse(i.start));
    const e0 = px(i.end ? Date.parse(i.end) : to);
    markers.push(
      `<rect x="${s0.toFixed(1)}" y="${top}" width="${Math.max(1, e0 - s0).toFixed(1)}" height="${bottom - top}" class="impact${i.relapse ? ' relapse' : ''}"><title>${x(`${i.relapse ? 'relapse' : 'impact'}: ${i.deviations.map((d) => `${d.probe} ${d.worst}`).join(', ')} from ${i.start} to ${i.end ?? 'end of observation'}${i.actions.length ? ` (during ${i.actions.join(', ')})` : ''}`)}</title></rect>`,
    );
  }
  if (start !== undefined && budgetEnd !== undefined) {
    markers.push(
      `<rect x="${px(start).toFixed(1)}" y="${top}" width="${(px(budgetEnd) - px(start)).toFixed(1)}" height="${bottom - top}" class="budget"><title>${x(`RTO budget ${humanDuration(v.rto.targetSeconds!)}`)}</title></rect>`,
      `<line x1="${px(budgetEnd).toFixed(1)}" x2="${px(budgetEnd).toFixed(1)}" y1="${top}" y2="${bottom}" class="marker budget-end"/>`,
      `<text x="${px(budgetEnd).toFixed(1)}" y="${top - 18}" class="marker-label" text-anchor="start">RTO target ${x(humanDuration(v.rto.targetSeconds!))}</text>`,
    );
  }
  if (start !== undefined) {
    markers.push(`<line x1="${px(start).toFixed(1)}" x2="${px(start).toFixed(1)}" y1="${top}" y2="${bottom}" class="marker fault"/>`, `<text x="${(px(start) - 3).toFixed(1)}" y="${top - 4}" class="marker-label" text-anchor="end">fault</text>`);
  }
  for (const d of v.detections ?? []) {
    if (!d.firedAt) continue;
    const t = px(Date.parse(d.firedAt));
    markers.push(`<path d="M${t.toFixed(1)},${top} l-5,-8 h10 z" class="${d.delaySeconds! <= d.withinSeconds ? 'detected' : 'detected-late'}"><title>${x(`${d.alarm} fired ${d.firedAt} (${humanDuration(d.delaySeconds!)}, budget ${humanDuration(d.withinSeconds)})`)}</title></path>`);
  }
  if (v.recoveredAt) {
    const t = px(Date.parse(v.recoveredAt));
    markers.push(
      `<line x1="${t.toFixed(1)}" x2="${t.toFixed(1)}" y1="${top}" y2="${bottom}" class="marker recovered"/>`,
      `<text x="${t.toFixed(1)}" y="${bottom + 14}" class="marker-label" text-anchor="middle">recovered: RTO ${x(v.rto.measuredSeconds === undefined ? '?' : humanDuration(v.rto.measuredSeconds))}</text>`,
    );
  }
  for (const n of v.notes) {
    if (!n.serviceTime) continue;
    const t = px(Date.parse(n.serviceTime));
    markers.push(`<circle cx="${t.toFixed(1)}" cy="${bottom + 24}" r="4" class="note"><title>${x(`${n.author ? `${n.author}: ` : ''}${n.text}`)}</title></circle>`);
  }
  for (const k of v.marks) {
    const t = px(Date.parse(k.time));
    markers.push(`<rect x="${(t - 4).toFixed(1)}" y="${bottom + 20}" width="8" height="8" class="mark"><title>${x(`${k.mark}${k.by ? ` (${k.by})` : ''}${k.text ? `: ${k.text}` : ''} ${k.time}`)}</title></rect>`);
  }

  const ticks: string[] = [];
  const span = (to - from) / 1000;
  const step = [60, 120, 300, 600, 900, 1800, 3600, 7200].find((s) => span / s <= 10) ?? 14_400;
  const origin = start ?? from;
  for (let s = Math.ceil((from - origin) / 1000 / step) * step; origin + s * 1000 <= to; s += step) {
    const t = px(origin + s * 1000);
    ticks.push(`<line x1="${t.toFixed(1)}" x2="${t.toFixed(1)}" y1="${top}" y2="${bottom}" class="grid"/><text x="${t.toFixed(1)}" y="${bottom + 40}" text-anchor="middle" class="axis">${s >= 0 ? '+' : '−'}${x(humanDuration(Math.abs(s)))}</text>`);
  }
  const height = bottom + 52;
  return [
    `<svg class="timeline" viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-label="Timeline of the run: fault windows, alarms, probes, detection and recovery against the RTO budget" xmlns="http://www.w3.org/2000/svg">`,
    ...ticks,
    ...parts,
    ...markers,
    `<text x="${LABEL}" y="${height - 2}" class="axis">time from the fault start (service clock, ${x(new Date(origin).toISOString())})</text>`,
    '</svg>',
  ].join('\n');
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
