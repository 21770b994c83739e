import { humanDuration } from '../core/duration.js';
import type { DetectionEvidenceView, Gap } from '../core/verdict/types.js';
import { approximately, numberText } from '../core/number-text.js';
import { escapeXml as x, webHref } from './escape.js';
import type { ReportModel } from './report-model.js';
import { actionItemsHtml } from './sections-action-items.js';
import { sloHtml } from './sections-slo.js';
import { peopleHeaderHtml, simulationHtml } from './sections-people.js';
import { TIMELINE_STYLE, renderTimelineSvg } from './svg-timeline.js';
import { lessonsHtml, reviewedText, runbookHtml } from './sections-review.js';
import { timingsHtml } from './sections-timings.js';
import { summarySentences } from './summary.js';
import { assessedText, clockText, compositeChildText, evidenceCellText, expectationMark, expectationsCount, noGapsText, measuredText, secondsText, stopUnconfirmedText, targetText, verdictWord, targetAccountText } from './wording.js';

const SEVERITIES: Gap['severity'][] = ['critical', 'high', 'medium', 'low'];

const STYLE = `
:root{--ok:#2e7d32;--bad:#c62828;--warn:#ef6c00;--ink:#1b1b1b;--muted:#666;--line:#ddd;--bg:#fafafa}
*{box-sizing:border-box}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:#fff;margin:0 auto;max-width:1040px;padding:16px}
h1{font-size:1.5rem;margin:.2em 0}h2{font-size:1.15rem;margin:1.6em 0 .5em;border-bottom:1px solid var(--line);padding-bottom:.2em}
.badge{display:inline-block;padding:.1em .6em;border-radius:4px;color:#fff;font-weight:700;letter-spacing:.03em}
.PASSED{background:var(--ok)}.FAILED{background:var(--bad)}.INCOMPLETE{background:var(--warn)}.ABORTED{background:#6d4c41}
.meta{color:var(--muted);margin:0;padding:0;list-style:none}.meta li{margin:.1em 0}
.numbers{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:8px;margin:12px 0}
.number{border:1px solid var(--line);border-radius:6px;padding:8px 10px;background:var(--bg)}
.number b{display:block;font-size:1.4rem}.number span{color:var(--muted);font-size:.85rem}
.missed b{color:var(--bad)}.met b{color:var(--ok)}
.gap{border-left:5px solid var(--muted);background:var(--bg);padding:8px 12px;margin:8px 0;border-radius:0 6px 6px 0;break-inside:avoid}
.gap.critical{border-color:#8e0000}.gap.high{border-color:var(--bad)}.gap.medium{border-color:var(--warn)}.gap.low{border-color:#f9a825}
.gap h3{font-size:1rem;margin:0 0 .3em}.gap p{margin:.2em 0}.sev{text-transform:uppercase;font-size:.75rem;font-weight:700;color:var(--muted);margin-right:.5em}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{text-align:left;vertical-align:top;padding:4px 8px;border-bottom:1px solid var(--line)}th{background:var(--bg)}
td.pass{color:var(--ok);font-weight:700}td.fail{color:var(--bad);font-weight:700}td.unchecked{color:var(--warn);font-weight:700}p.alert{color:var(--bad)}tr.alert td{color:var(--bad)}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.85em;word-break:break-all}
td.mono{white-space:nowrap;word-break:normal}
.muted{color:var(--muted);fill:#777}
${TIMELINE_STYLE}ul.notes{padding-left:1.2em}.summary{font-size:1.05rem;max-width:60em}h3{font-size:1rem;margin:1em 0 .3em}
.simulation{border:2px dashed var(--warn);color:var(--warn);padding:4px 10px;border-radius:6px;display:inline-block}
@media (max-width:600px){body{padding:10px;font-size:14px}h1{font-size:1.25rem}th,td{padding:3px 5px}}
@media print{body{max-width:none;padding:0;font-size:11pt}.scroll{overflow:visible}svg.timeline{min-width:0}h2{break-after:avoid}table,.gap,svg{break-inside:avoid}.badge{border:1px solid #000;color:#000;background:none!important}a{color:inherit}}
`;

/** report.html: one self-contained page (inline CSS and SVG, no scripts, no external assets). */
export function renderHtml(model: ReportModel): string {
  const { verdict: v, run } = model;
  const word = verdictWord(v);
  const number = (title: string, value: string, sub: string, met?: boolean) =>
    `<div class="number${met === undefined ? '' : met ? ' met' : ' missed'}"><span>${x(title)}</span><b>${x(value)}</b><span>${x(sub)}</span></div>`;
  const body: string[] = [];
  body.push(
    `<header><h1>${x(run.scenario)} <span class="badge ${word}">${word}</span></h1>`,
    '<ul class="meta">',
    `<li>Run <code>${x(run.runId)}</code> · ${x(run.mode)} · account ${x(run.account)} · ${x(run.region)} · started ${x(run.startedAt)}${run.scheduledFor ? ` · scheduled for ${x(run.scheduledFor)}` : ''}</li>`,
    ...(run.targetAccounts ? [`<li>Target accounts: ${run.targetAccounts.map((a) => x(targetAccountText(a))).join('; ')}</li>`] : []),
    `<li>Scenario <code>${x(run.scenarioFile)}</code> · ${x(run.faultType)} · ${x(v.disruptionType)} disruption · plan <code>${x(run.planHash.slice(0, 12))}</code></li>`,
    ...(run.description ? [`<li>${x(run.description)}</li>`] : []),
    `<li>Owner: <b>${x(run.owner ?? 'not named')}</b> · Participants: ${x(run.participants.join(', ') || 'not named')}</li>`,
    ...peopleHeaderHtml(model.people),
    `<li>Runbook: ${runbookHtml(run)}${run.experimentId ? ` · FIS experiment <code>${x(run.experimentId)}</code>` : ''}</li>`,
    `<li>Reviewed: ${x(reviewedText(v))}</li>`,
    '</ul>',
    ...simulationHtml(model.people),
    `<p class="summary">${x(summarySentences(model).join(' '))}</p>`,
    '</header>',
  );
  body.push(
    '<section><h2>Verdict</h2>',
    `<p><b>${word}</b> — run ${x(v.status)}; ${x(expectationsCount(v))}; ${v.gaps.length === 0 ? 'no runbook gaps' : `${v.gaps.length} runbook gap${v.gaps.length === 1 ? '' : 's'}`}.</p>`,
    ...(v.stopUnconfirmed ? [`<p class="alert"><b>${x(stopUnconfirmedText(v))}</b></p>`] : []),
    '<div class="numbers">',
    number('Measured RTO', measuredText(v.rto), `${v.rto.fromFaultSeconds !== undefined ? `${secondsText(v.rto.fromFaultSeconds)} from the fault · ` : ''}target ${targetText(v.rto)}`, v.rto.met),
    ...(v.rto.impactStart ? [number('Time to impact', secondsText(v.rto.timeToImpactSeconds), `impacted ${secondsText(v.rto.impactSeconds)} in all`)] : []),
    number('RTO, Resilience Hub v2 rule', v.recoveryRules.resilienceHubV2.measuredSeconds !== undefined ? humanDuration(v.recoveryRules.resilienceHubV2.measuredSeconds) : v.recoveryRules.resilienceHubV2.state === 'unrecovered' ? 'not OK at end' : 'not measured', `from the first action${v.recoveryRules.rule === 'resilience-hub-v2' ? ' · judged by' : ''}`, v.recoveryRules.resilienceHubV2.passed),
    number('Measured RPO', measuredText(v.rpo), `target ${targetText(v.rpo)}`, v.rpo.met),
    ...v.impactCounts.map((c) => number(`Impact: ${c.name}`, c.excess !== undefined ? `≈ ${approximately(c.excess)}` : c.total !== undefined ? numberText(c.total) : 'not measured', c.baseline ? `${numberText(c.total!)} in all; baseline ${c.baseline.perMinute}/min` : c.total !== undefined ? 'no baseline before the fault' : c.metric)),
    ...(v.rto.assessedSeconds !== undefined || v.rpo.assessedSeconds !== undefined
      ? [number('Resilience Hub estimate', `RTO ${assessedText(v.rto.assessedSeconds)}`, `RPO ${assessedText(v.rpo.assessedSeconds)}`)]
      : []),
    number('Runbook gaps', String(v.gaps.length), SEVERITIES.map((s) => `${v.gaps.filter((g) => g.severity === s).length} ${s}`).join(' · ')),
    '</div>',
    `<p class="muted">RTO: ${x(v.rto.note ?? '')}<br>RPO: ${x(v.rpo.note ?? '')}</p>`,
    '</section>',
  );
  if (model.fis) {
    const fis = model.fis;
    body.push(
      '<section><h2>FIS</h2><ul>',
      ...(fis.error ? [`<li><b>Failure:</b> ${x(fis.error.text)}</li>`] : []),
      ...(fis.safetyLever ? [`<li><b>Safety lever:</b> ${x(fis.safetyLever.text)}</li>`] : []),
      ...(fis.experimentReport
        ? [`<li><b>Experiment report:</b> ${x(fis.experimentReport.text)}${fis.experimentReport.reports.map((r) => { const href = webHref(r.consoleUrl); return href ? ` (<a href="${x(href)}">${x(r.reportType ?? 'report')}</a>)` : ` (${x(r.reportType ?? 'report')}: ${x(r.consoleUrl)})`; }).join('')}</li>`]
        : []),
      '</ul></section>',
    );
  }
  body.push(...sloHtml(v));
  body.push('<section><h2>Runbook gaps</h2>');
  if (v.gaps.length === 0) body.push(`<p>${x(noGapsText(v))}</p>`);
  else if (v.notChecked.length > 0) body.push(`<p class="muted">Not checked: ${x(v.notChecked.join('; '))}.</p>`);
  for (const g of v.gaps) {
    body.push(`<div class="gap ${g.severity}"><h3><span class="sev">${g.severity} · ${x(g.kind)}</span>${x(g.title)}</h3><p><b>Evidence:</b> ${x(g.evidence)}</p><p><b>Change:</b> ${x(g.fix)}</p></div>`);
  }
  body.push('</section>');
  body.push('<section><h2>Timeline</h2><div class="scroll">', renderTimelineSvg(model), '</div>');
  body.push(
    '<p class="muted">Purple bars: FIS actions (orange when stopped). Alarm rows: green OK, red ALARM, grey insufficient data. Triangles: detection alarms firing (green in budget, orange late). Red bands: impact (the steady state did not hold; darker: a relapse). Green band: the RTO budget from the fault start. Blue dotted line: recovered. Yellow dots: facilitator notes. Purple squares: people’s marks (detected, engaged, mitigated, recovered).</p>',
  );
  body.push(`<div class="scroll"><table><thead><tr><th>Service time${v.disruptionStart ? ` (from the fault, ${x(v.disruptionStart.slice(0, 10))})` : ''}</th><th>Source</th><th>Event</th></tr></thead><tbody>`);
  for (const t of model.timeline) body.push(`<tr${t.alert ? ' class="alert"' : ''}><td class="mono">${x(t.time ? clockText(t.time, v.disruptionStart) : `wall ${clockText(t.at, undefined)}`)}</td><td>${x(t.source)}</td><td>${x(t.text)}</td></tr>`);
  body.push('</tbody></table></div></section>');
  body.push('<section><h2>Expectations</h2><div class="scroll"><table><thead><tr><th></th><th>Expectation</th><th>Evidence</th></tr></thead><tbody>');
  for (const e of v.expectations) body.push(`<tr><td class="${e.passed ? 'pass' : e.checked === false ? 'unchecked' : 'fail'}">${expectationMark(e)}</td><td>${x(e.description)}</td><td>${x(e.evidence)}</td></tr>`);
  body.push('</tbody></table></div></section>');
  body.push('<section><h2>Impact</h2>');
  if (v.impactCounts.length > 0) body.push(`<ul>${v.impactCounts.map((c) => `<li>${c.headline ? `<b>${x(c.headline)}</b> — ` : ''}${x(c.summary)}</li>`).join('')}</ul>`);
  if (v.impactIntervals.length === 0) body.push(`<p>${v.disruptionStart ? 'No impact: every steady-state probe held from the fault start to the end of observation.' : 'Not checked: the fault was never injected.'}</p>`);
  else {
    body.push('<div class="scroll"><table><thead><tr><th>#</th><th>From</th><th>To</th><th>Lasted</th><th>Probes (worst)</th><th>Began during</th></tr></thead><tbody>');
    v.impactIntervals.forEach((i, n) =>
      body.push(
        `<tr${i.relapse ? ' class="alert"' : ''}><td>${n + 1}${i.relapse ? ' relapse' : ''}</td><td class="mono">${x(clockText(i.start, v.disruptionStart))}</td><td class="mono">${x(i.end ? clockText(i.end, v.disruptionStart) : 'still impacted')}</td><td>${x(secondsText(i.durationSeconds))}</td><td>${x(i.deviations.map((d) => `${d.probe} ${d.worst}`).join(', '))}</td><td>${x(i.actions.join(', ') || 'no action running')}</td></tr>`,
      ),
    );
    body.push('</tbody></table></div>');
  }
  body.push('</section>');
  if (v.detections && v.detections.length > 0) {
    body.push('<section><h2>Detection</h2><div class="scroll"><table><thead><tr><th>Alarm</th><th>Budget from</th><th>Budget</th><th>Fired</th><th>Evidence</th></tr></thead><tbody>');
    for (const d of v.detections) {
      body.push(
        `<tr><td>${x(d.alarm)}</td><td>${x(d.after ?? '—')}<br><span class="mono">${x(d.from ? clockText(d.from, v.disruptionStart) : 'never started')}</span></td><td>${x(humanDuration(d.withinSeconds))}</td><td class="mono">${x(
          d.exists ? (d.firedAt ? `${clockText(d.firedAt, v.disruptionStart)}, after ${secondsText(d.delaySeconds)}` : 'never') : 'alarm does not exist',
        )}</td><td>${x(evidenceCellText(d.evidence))}${d.evidence?.rule !== undefined ? childrenHtml(d.evidence, v.disruptionStart) : ''}</td></tr>`,
      );
    }
    body.push('</tbody></table></div></section>');
  }
  body.push(...timingsHtml(v));
  body.push('<section><h2>What the fault hit</h2><div class="scroll"><table><thead><tr><th>Action</th><th>State</th><th>Window</th><th>First impact</th><th>Detected by</th><th>Recovered</th><th>Resources</th><th>Rollback</th></tr></thead><tbody>');
  for (const a of v.impact) {
    body.push(
      `<tr><td>${x(a.action)}<br><code>${x(a.actionId)}</code></td><td>${x(a.state)}${a.reason ? `<br><span class="muted">${x(a.reason)}</span>` : ''}</td><td class="mono">${x(a.startTime ?? '—')}<br>${x(a.endTime ?? '—')}</td><td class="mono">${x(
        a.firstImpact ? clockText(a.firstImpact, v.disruptionStart) : '—',
      )}</td><td>${x(a.detectedBy?.map((d) => `${d.alarm} ${d.firedAt ? clockText(d.firedAt, v.disruptionStart) : 'never'}`).join(', ') ?? '—')}</td><td class="mono">${x(a.recovered ? clockText(a.recovered, v.disruptionStart) : '—')}</td><td>${
        a.resources.length > 0 ? a.resources.map((r) => `<code>${x(r)}</code>`).join('<br>') : x(a.hits ?? 'none resolved')
      }</td><td>${x(a.rollback)}</td></tr>`,
    );
  }
  body.push('</tbody></table></div></section>');
  if (v.stops.length > 0) {
    body.push('<section><h2>Stops</h2><div class="scroll"><table><thead><tr><th>By</th><th>Reason</th><th>Stopped at</th><th>Took</th></tr></thead><tbody>');
    for (const s of v.stops) body.push(`<tr><td>${x(s.by)}</td><td>${x(s.reason)}</td><td class="mono">${x(s.stoppedAt ?? '—')}</td><td>${s.latencyMs === undefined ? '—' : x(humanDuration(s.latencyMs / 1000))}</td></tr>`);
    body.push('</tbody></table></div></section>');
  }
  body.push('<section><h2>Recommendations</h2><ol>');
  if (v.gaps.length === 0) body.push('<li>Nothing to change. Keep the game day on its schedule; run it again after changes to the application or the runbook.</li>');
  for (const g of v.gaps) body.push(`<li><span class="sev">${g.severity}</span>${x(g.fix)}</li>`);
  body.push('</ol></section>', ...actionItemsHtml(model));
  body.push(...lessonsHtml(v));
  body.push('<section><h2>Facilitator notes</h2>');
  if (v.notes.length === 0) body.push('<p class="muted">No notes were recorded.</p>');
  else body.push(`<ul class="notes">${v.notes.map((n) => `<li><span class="mono">${x(n.serviceTime ?? n.at)}</span>${n.author ? ` <b>${x(n.author)}</b>` : ''}: ${x(n.text)}</li>`).join('')}</ul>`);
  body.push('</section>');
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    `<title>${x(`${run.scenario} ${word} — game day ${run.runId}`)}</title>`,
    `<style>${STYLE}</style></head><body>`,
    ...body,
    `<footer class="muted"><p>gameday ${x(run.gamedayVersion)} · rendered from journal.jsonl; re-render with <code>gameday report render</code>.</p></footer>`,
    '</body></html>',
    '',
  ].join('\n');
}

/** A composite's children as a list, a nested composite's as a list inside its item. */
function childrenHtml(e: DetectionEvidenceView, faultStart: string | undefined): string {
  return `<ul>${(e.children ?? []).map((c) => `<li><b>${x(c.alarm)}</b>: ${x(compositeChildText(c, faultStart))}${c.evidence?.rule !== undefined ? childrenHtml(c.evidence, faultStart) : ''}</li>`).join('')}</ul>`;
}
