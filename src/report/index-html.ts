import { humanDuration } from '../core/duration.js';
import { escapeXml as x } from './escape.js';
import type { RunSummary } from './run-history.js';
import { measuredText, outcomeReason } from './wording.js';

export interface IndexEntry extends RunSummary {
  /** link to the run's report.html, relative to the index file */
  href: string;
}

const STYLE = `
*{box-sizing:border-box}body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;margin:0 auto;max-width:1040px;padding:16px}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:1.6em;border-bottom:1px solid #ddd}
.scroll{overflow-x:auto}table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #ddd;white-space:nowrap}th{background:#fafafa}
.PASSED{color:#2e7d32;font-weight:700}.FAILED{color:#c62828;font-weight:700}.INCOMPLETE{color:#ef6c00;font-weight:700}.ABORTED{color:#6d4c41;font-weight:700}
svg.trend{display:block;max-width:720px;font-size:11px}svg .axis{fill:#777}svg .target{stroke:#2e7d32;stroke-dasharray:6 3}svg .rto{fill:none;stroke:#1565c0;stroke-width:1.5}
.muted{color:#666}.simulation{border:1px dashed #ef6c00;color:#ef6c00;padding:0 4px;border-radius:3px;font-size:.8rem;font-weight:700}.trend-verdicts{margin:.3em 0}.trend-verdicts span{margin-right:.4em}
@media print{.scroll{overflow:visible}a{color:inherit;text-decoration:none}table,svg{break-inside:avoid}}
`;

/** reports/index.html: every run, grouped by scenario, with the measured RTO against its target over time. */
export function renderIndexHtml(entries: IndexEntry[], unreadable: { runDir: string; message: string }[] = []): string {
  const scenarios = [...new Set(entries.map((e) => e.scenario))].sort();
  const body: string[] = [`<h1>Game days</h1><p class="muted">${entries.length} run${entries.length === 1 ? '' : 's'} of ${scenarios.length} scenario${scenarios.length === 1 ? '' : 's'}, judged from their journals. Charts: measured RTO per run (red over target), ✕ unrecovered, hollow not measured; dashed line the RTO target.</p>`];
  if (entries.length === 0) body.push('<p>No runs yet. Run a game day with <code>gameday run</code>.</p>');
  for (const scenario of scenarios) {
    const runs = entries.filter((e) => e.scenario === scenario);
    body.push(`<section><h2>${x(scenario)}</h2>`, verdictTrend(runs), trendSvg(runs), '<div class="scroll"><table><thead><tr><th>Started (UTC)</th><th>Run</th><th>Verdict</th><th>Where</th><th>RTO</th><th>Target</th><th>Met</th><th>RPO</th><th>Gaps</th><th>Open action items</th></tr></thead><tbody>');
    for (const r of [...runs].reverse()) {
      const word = r.outcome;
      body.push(
        `<tr><td>${x(r.startedAt.slice(0, 16).replace('T', ' '))}</td><td><a href="${x(r.href)}">${x(r.runId)}</a></td><td class="${word}">${word}${word === 'PASSED' ? '' : ` <span class="muted">(${x(outcomeReason(r))})</span>`}</td><td>${r.simulation ? '<span class="simulation">SIMULATION</span>' : x(r.mode)}</td><td>${x(measuredText(r.rto))}</td><td>${
          r.rto.targetSeconds === undefined ? '—' : x(humanDuration(r.rto.targetSeconds))
        }</td><td>${r.rto.met === undefined ? '—' : r.rto.met ? 'yes' : '<b class="FAILED">no</b>'}</td><td>${x(measuredText(r.rpo))}</td><td>${r.gaps}${severe(r) ? ` <span class="muted">(${severe(r)})</span>` : ''}</td><td>${
          r.openActionItems === undefined ? '<span class="muted">—</span>' : r.openActionItems
        }</td></tr>`,
      );
    }
    body.push('</tbody></table></div></section>');
  }
  if (unreadable.length > 0) body.push('<h2>Not judged: incomplete or unreadable journals</h2><ul>', ...unreadable.map((u) => `<li><code>${x(u.runDir)}</code>: ${x(u.message)}</li>`), '</ul>');
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<title>Game days — gameday</title>',
    `<style>${STYLE}</style></head><body>`,
    ...body,
    '</body></html>',
    '',
  ].join('\n');
}

/** The scenario's verdicts oldest first, rehearsals marked, so a trend reads at a glance. */
function verdictTrend(runs: IndexEntry[]): string {
  const latest = runs.at(-1)!;
  const open = latest.openActionItems === undefined ? '' : ` · ${latest.openActionItems} open action item${latest.openActionItems === 1 ? '' : 's'} after the latest run`;
  return `<p class="trend-verdicts">Verdicts, oldest first: ${runs.map((r) => `<span class="${r.outcome}" title="${x(`${r.runId}${r.simulation ? ' (SIMULATION)' : ''}`)}">${r.outcome}${r.simulation ? '*' : ''}</span>`).join('→ ')}${
    runs.some((r) => r.simulation) ? ' <span class="muted">(* SIMULATION: a sandbox rehearsal)</span>' : ''
  }${open}</p>`;
}

function severe(r: IndexEntry): string {
  return (['critical', 'high'] as const).filter((s) => r.gapsBySeverity[s] > 0).map((s) => `${r.gapsBySeverity[s]} ${s}`).join(', ');
}

/** Measured RTO per run (oldest left) against the target line; unrecovered runs sit on the top edge as ✕. */
function trendSvg(runs: IndexEntry[]): string {
  const W = 720;
  const H = 180;
  const L = 56;
  const T = 14;
  const B = 30;
  const values = runs.flatMap((r) => [r.rto.measuredSeconds, r.rto.targetSeconds]).filter((n): n is number => n !== undefined);
  const max = Math.max(60, ...values) * 1.15;
  const R = 48;
  const px = (i: number) => (runs.length === 1 ? L + (W - L - R) / 2 : L + (i / (runs.length - 1)) * (W - L - R));
  // One day's runs are told apart by time, several days' by date.
  const oneDay = new Set(runs.map((r) => r.startedAt.slice(0, 10))).size === 1;
  const tick = (r: IndexEntry) => (oneDay ? r.startedAt.slice(11, 16) : r.startedAt.slice(5, 10));
  const py = (s: number) => T + (1 - s / max) * (H - T - B);
  const parts: string[] = [
    `<line x1="${L}" x2="${W - R}" y1="${py(0)}" y2="${py(0)}" stroke="#ccc"/>`,
    `<text x="${L - 6}" y="${py(0) + 4}" text-anchor="end" class="axis">0</text>`,
    `<text x="${L - 6}" y="${py(max / 1.15) + 4}" text-anchor="end" class="axis">${x(humanDuration(max / 1.15))}</text>`,
  ];
  const targets = runs.map((r, i) => (r.rto.targetSeconds === undefined ? undefined : `${px(i).toFixed(1)},${py(r.rto.targetSeconds).toFixed(1)}`)).filter(Boolean);
  if (targets.length === 1) {
    const t = runs.find((r) => r.rto.targetSeconds !== undefined)!.rto.targetSeconds!;
    parts.push(`<line x1="${L}" x2="${W - R}" y1="${py(t).toFixed(1)}" y2="${py(t).toFixed(1)}" class="target"/>`);
  } else if (targets.length > 1) parts.push(`<polyline points="${targets.join(' ')}" fill="none" class="target"/>`);
  const target = runs.at(-1)?.rto.targetSeconds;
  if (target !== undefined) parts.push(`<text x="${W - 2}" y="${py(target) - 4}" text-anchor="end" class="axis">target ${x(humanDuration(target))}</text>`);
  const measured = runs.map((r, i) => (r.rto.measuredSeconds === undefined ? undefined : `${px(i).toFixed(1)},${py(r.rto.measuredSeconds).toFixed(1)}`)).filter(Boolean);
  if (measured.length > 1) parts.push(`<polyline points="${measured.join(' ')}" class="rto"/>`);
  runs.forEach((r, i) => {
    const label = `${r.runId}: RTO ${measuredText(r.rto)}${r.rto.targetSeconds === undefined ? '' : ` (target ${humanDuration(r.rto.targetSeconds)})`}`;
    if (r.rto.state === 'unrecovered') parts.push(`<text x="${px(i).toFixed(1)}" y="${T + 4}" text-anchor="middle" fill="#c62828" font-weight="700">✕<title>${x(label)}</title></text>`);
    else if (r.rto.measuredSeconds !== undefined) {
      const met = r.rto.targetSeconds === undefined || r.rto.measuredSeconds <= r.rto.targetSeconds;
      parts.push(`<circle cx="${px(i).toFixed(1)}" cy="${py(r.rto.measuredSeconds).toFixed(1)}" r="4" fill="${met ? '#1565c0' : '#c62828'}"><title>${x(label)}</title></circle>`);
    } else parts.push(`<circle cx="${px(i).toFixed(1)}" cy="${py(0).toFixed(1)}" r="4" fill="none" stroke="#999"><title>${x(label)}</title></circle>`);
    parts.push(`<text x="${px(i).toFixed(1)}" y="${H - 10}" text-anchor="middle" class="axis">${x(tick(r))}</text>`);
  });
  return `<svg class="trend" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="Measured RTO per run against the target" xmlns="http://www.w3.org/2000/svg">${parts.join('')}</svg>`;
}
