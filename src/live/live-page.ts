import { createHash } from 'node:crypto';
import { MARK_KINDS } from '../core/journal/events.js';
import { escapeXml } from '../report/escape.js';
import { TIMELINE_STYLE } from '../report/svg-timeline.js';

/**
 * The live page: static markup, inline CSS and one inline script; every value on it arrives later as
 * JSON over server-sent events and goes on screen through textContent, never as markup. The one
 * exception is the timeline chart, which the report renderer builds with every journal value escaped;
 * the page parses it as SVG (no HTML parser, no scripts run) under a CSP that forbids scripts other
 * than this one and any remote load.
 */

const STYLE = `
:root{--ok:#2e7d32;--bad:#c62828;--warn:#ef6c00;--ink:#1b1b1b;--muted:#666;--line:#ddd;--bg:#fafafa}
*{box-sizing:border-box}
body{font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:#fff;margin:0;padding:12px 18px}
header{display:flex;flex-wrap:wrap;align-items:center;gap:12px;border-bottom:2px solid var(--line);padding-bottom:8px}
h1{font-size:1.6rem;margin:0}h2{font-size:1.05rem;margin:.8em 0 .3em;color:#333}
.badge{display:inline-block;padding:.1em .6em;border-radius:4px;color:#fff;font-weight:700;background:#546e7a}
.badge.running{background:#1565c0}.badge.PASSED{background:var(--ok)}.badge.FAILED{background:var(--bad)}.badge.INCOMPLETE{background:var(--warn)}.badge.ABORTED{background:#6d4c41}
.simulation{border:2px dashed var(--warn);color:var(--warn);padding:2px 8px;border-radius:6px;font-weight:700}
.meta{color:var(--muted);font-size:.9rem}
main{display:grid;grid-template-columns:minmax(0,1fr) 340px;gap:18px;margin-top:10px}
@media (max-width:900px){main{grid-template-columns:minmax(0,1fr)}}
.budget{border:2px solid var(--line);border-radius:8px;padding:8px 14px;background:var(--bg)}
.budget b{display:block;font-size:3rem;line-height:1.1;font-variant-numeric:tabular-nums}
.budget.over{border-color:var(--bad)}.budget.over b{color:var(--bad)}.budget.met b{color:var(--ok)}
.now{display:grid;grid-template-columns:repeat(auto-fit,minmax(220px,1fr));gap:6px 14px;margin:0;padding:0;list-style:none}
.now li{border-left:4px solid var(--line);padding:2px 8px;background:var(--bg)}
.now li.bad{border-color:var(--bad)}.now li.good{border-color:var(--ok)}.now li.active{border-color:#6a1b9a}
.scroll{overflow-x:auto}
.log{max-height:40vh;overflow-y:auto;border:1px solid var(--line);border-radius:6px}
table{border-collapse:collapse;width:100%;font-size:.9rem}td{padding:3px 8px;border-bottom:1px solid var(--line);vertical-align:top}
tr.alert td{color:var(--bad)}td.mono{white-space:nowrap}
.mono{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.85em}
.muted{color:var(--muted);fill:#777}
aside form{display:grid;gap:6px;margin-bottom:12px}
textarea,input,select,button{font:inherit}textarea{min-height:4.5em}
.marks{display:grid;grid-template-columns:1fr 1fr;gap:6px}
.marks button{padding:.5em;border:1px solid #1565c0;background:#e3f2fd;border-radius:6px;cursor:pointer}
#stop{width:100%;padding:.8em;font-size:1.6rem;font-weight:800;color:#fff;background:var(--bad);border:0;border-radius:10px;cursor:pointer;margin-top:8px}
#stop.armed{background:#8e0000}#stop:disabled,button:disabled{opacity:.45;cursor:default}
#said{min-height:1.4em;font-size:.9rem}#said.error{color:var(--bad)}
#connection{font-size:.85rem}#connection.lost{color:var(--bad);font-weight:700}
${TIMELINE_STYLE}`;

const SCRIPT = `
(() => {
  'use strict';
  const token = document.querySelector('meta[name="gameday-token"]').getAttribute('content');
  const $ = (id) => document.getElementById(id);
  const el = (tag, text, cls) => { const e = document.createElement(tag); if (text !== undefined) e.textContent = String(text); if (cls) e.className = cls; return e; };
  let view = null;
  let clock = null;
  let svgShown = '';
  let finished = false;

  const pad = (n) => String(n).padStart(2, '0');
  const countdown = (ms) => { const s = Math.round(Math.abs(ms) / 1000); const h = Math.floor(s / 3600); const m = Math.floor((s % 3600) / 60); return (h ? h + ':' + pad(m) : String(m)) + ':' + pad(s % 60); };
  const serviceNow = () => clock ? clock.service + (Date.now() - clock.real) * clock.speed : view && view.serviceTime ? Date.parse(view.serviceTime) : undefined;

  function tick() {
    const box = $('budget');
    if (!view || !view.budget) { box.className = 'budget'; $('budget-value').textContent = '—'; $('budget-note').textContent = view && view.run ? 'no RTO target for this run' : 'waiting for the run to start'; return; }
    const b = view.budget;
    const target = b.target;
    if (b.state === 'before-fault') { box.className = 'budget'; $('budget-value').textContent = target; $('budget-note').textContent = 'RTO budget (' + b.source + '): starts with the fault'; return; }
    if (b.state === 'recovered') { box.className = 'budget ' + (b.met ? 'met' : 'over'); $('budget-value').textContent = countdown((b.rtoSeconds || 0) * 1000); $('budget-note').textContent = 'recovered: RTO against ' + target + ' (' + b.source + ')' + (b.met ? ', met' : ', MISSED'); return; }
    const now = serviceNow();
    const left = now === undefined ? b.targetSeconds * 1000 : Date.parse(b.deadline) - now;
    const over = left < 0;
    box.className = 'budget' + (over ? ' over' : '');
    $('budget-value').textContent = (over ? '+' : '') + countdown(left);
    $('budget-note').textContent = b.state === 'unrecovered' ? 'not recovered when the run ended (budget ' + target + ')' : over ? 'over the RTO budget of ' + target + ' (' + b.source + ')' : 'left of the RTO budget of ' + target + ' (' + b.source + ')';
    if (now !== undefined) $('service-now').textContent = new Date(now).toISOString().slice(11, 19) + 'Z';
  }

  function list(id, items, make) { const ul = $(id); ul.replaceChildren(...items.map(make)); }

  function render() {
    const v = view;
    const r = v.run;
    document.title = (r ? r.scenario : 'game day') + ' — gameday live';
    $('scenario').textContent = r ? r.scenario : 'waiting for the run to start…';
    $('simulation').hidden = !(r && r.simulation);
    const badge = $('status');
    badge.textContent = v.ended ? v.ended.outcome + ' (' + v.ended.status + ')' : v.phase;
    badge.className = 'badge ' + (v.ended ? v.ended.outcome : v.phase);
    $('meta').textContent = r ? 'run ' + r.runId + ' · ' + r.mode + ' · account ' + r.account + ' · ' + r.region + (r.experimentId ? ' · experiment ' + r.experimentId + (r.experimentState ? ' (' + r.experimentState + ')' : '') : '') : '';
    $('ended').textContent = v.ended ? 'run ' + v.ended.status + (v.ended.reason ? ': ' + v.ended.reason : '') : '';
    $('problem').textContent = v.problem || '';
    list('actions', v.actions, (a) => el('li', 'action ' + a.name + ': ' + a.state, a.state === 'running' ? 'active' : /fail|stopp|cancel/.test(a.state) ? 'bad' : ''));
    list('alarms', v.alarms, (a) => el('li', a.alarm + ': ' + a.state + ' [' + a.roles.join(', ') + ']', a.state === 'ALARM' ? 'bad' : a.state === 'OK' ? 'good' : ''));
    list('probes', v.probes, (p) => el('li', p.name + (p.threshold ? ' (' + p.threshold + ')' : '') + ': ' + (p.value === undefined ? 'no datapoint yet' : p.valueText + (p.ok ? ' holds' : ' BREACHED')), p.ok === false ? 'bad' : p.ok ? 'good' : ''));
    list('marks', v.marks, (m) => el('li', m.mark + ' ' + m.clock + (m.by ? ' by ' + m.by : '') + (m.text ? ': ' + m.text : '')));
    list('stops', v.stops, (s) => el('li', 'stop by ' + s.by + ': ' + s.reason + (s.stoppedState ? ' → ' + s.stoppedState : ''), 'bad'));
    if (v.timelineSvg !== svgShown) {
      svgShown = v.timelineSvg;
      const doc = new DOMParser().parseFromString(v.timelineSvg || '<svg xmlns="http://www.w3.org/2000/svg"/>', 'image/svg+xml');
      const root = doc.documentElement;
      $('chart').replaceChildren(...(root.namespaceURI === 'http://www.w3.org/2000/svg' ? [document.importNode(root, true)] : [el('p', 'nothing on the service clock yet', 'muted')]));
    }
    const log = $('log');
    const atBottom = log.scrollTop + log.clientHeight >= log.scrollHeight - 4;
    $('entries').replaceChildren(...v.entries.map((t) => { const tr = el('tr', undefined, t.alert ? 'alert' : ''); tr.append(el('td', t.clock, 'mono'), el('td', t.source), el('td', t.text)); return tr; }));
    if (atBottom) log.scrollTop = log.scrollHeight;
    if (v.phase === 'ended') done('the run has ended: Stop and the forms are off');
    tick();
  }

  function done(why) {
    finished = true;
    for (const b of document.querySelectorAll('aside button, aside textarea, aside input, aside select')) b.disabled = true;
    $('connection').textContent = why;
  }

  function say(text, error) { const s = $('said'); s.textContent = text; s.className = error ? 'error' : ''; }

  async function post(path, body) {
    try {
      const res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json', 'x-gameday-token': token }, body: JSON.stringify(body) });
      const answer = await res.json().catch(() => ({ error: 'no answer from gameday' }));
      if (!res.ok) { say(answer.error || 'refused', true); return false; }
      say(answer.message || 'done', false);
      return true;
    } catch (e) { say('gameday did not answer: ' + e.message, true); return false; }
  }

  $('note-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const text = $('note-text').value;
    const ok = await post('/api/note', { text, by: $('by').value, tag: $('note-tag').value });
    if (ok) $('note-text').value = '';
  });
  for (const b of document.querySelectorAll('button[data-mark]')) b.addEventListener('click', () => post('/api/mark', { mark: b.getAttribute('data-mark'), by: $('by').value, text: $('note-text').value }));
  let armed = null;
  $('stop').addEventListener('click', async () => {
    const stop = $('stop');
    if (!armed) { stop.textContent = 'Click again to STOP'; stop.classList.add('armed'); armed = setTimeout(() => { armed = null; stop.textContent = 'STOP'; stop.classList.remove('armed'); }, 5000); return; }
    clearTimeout(armed); armed = null; stop.classList.remove('armed'); stop.textContent = 'Stopping…';
    await post('/api/stop', {});
  });

  const events = new EventSource('/events');
  events.addEventListener('view', (m) => { view = JSON.parse(m.data); $('connection').textContent = 'live'; $('connection').className = ''; render(); });
  events.addEventListener('clock', (m) => { const c = JSON.parse(m.data); clock = { service: Date.parse(c.now), speed: c.speed, real: Date.now() }; tick(); });
  events.addEventListener('end', () => { events.close(); done('gameday has finished: this page no longer updates'); });
  events.addEventListener('error', () => { if (finished) return; $('connection').textContent = 'connection to gameday lost; retrying…'; $('connection').className = 'lost'; });
  setInterval(tick, 250);
})();
`;

const markButtons = MARK_KINDS.map((m) => `<button type="button" data-mark="${m}">${m}</button>`).join('');

const BODY = `<header>
<h1 id="scenario">connecting…</h1><span id="status" class="badge">waiting</span><span id="simulation" class="simulation" hidden>SIMULATION — sandbox rehearsal</span>
<span class="meta" id="meta"></span><span class="meta">service clock <b id="service-now" class="mono">—</b></span><span id="connection">connecting…</span>
</header>
<main><section>
<div id="budget" class="budget"><b id="budget-value">—</b><span id="budget-note">waiting for the run to start</span></div>
<p id="ended"></p><p id="problem" class="muted"></p>
<h2>Now</h2><ul class="now" id="actions"></ul><ul class="now" id="alarms"></ul><ul class="now" id="probes"></ul>
<h2>Timeline</h2><div class="scroll" id="chart"></div>
<h2>Log</h2><div class="log" id="log"><table><tbody id="entries"></tbody></table></div>
</section>
<aside>
<h2>Reporter</h2>
<form id="note-form">
<label>Who <input id="by" maxlength="100" autocomplete="name"></label>
<textarea id="note-text" maxlength="2000" placeholder="What happened, what people did"></textarea>
<label>Tag <select id="note-tag"><option value="">none</option><option value="well">went well</option><option value="wrong">went wrong</option><option value="lucky">got lucky</option></select></label>
<button type="submit">Add note</button>
</form>
<h2>Mark now</h2><div class="marks">${markButtons}</div>
<p id="said" role="status"></p>
<h2>People</h2><ul id="marks"></ul>
<h2>Stops</h2><ul id="stops"></ul>
<button id="stop" type="button">STOP</button>
<p class="muted" id="stop-note"></p>
</aside></main>`;

export interface LivePage {
  html: string;
  /** The Content-Security-Policy header: this page's own script and style, its own origin for events and posts, nothing remote. */
  csp: string;
}

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
}

/** `stopSays`: what the Stop button does here (Ctrl-C of the run, or `gameday abort`). */
export function livePage(token: string, stopSays: string): LivePage {
  const html = [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="gameday-token" content="${token}">`,
    // No request for /favicon.ico: the page loads nothing but itself and its events.
    '<link rel="icon" href="data:,">',
    '<title>gameday live</title>',
    `<style>${STYLE}</style></head><body>`,
    BODY.replace('<p class="muted" id="stop-note"></p>', `<p class="muted" id="stop-note">${escapeXml(stopSays)}</p>`),
    `<script>${SCRIPT}</script>`,
    '</body></html>',
    '',
  ].join('\n');
  const csp = [
    "default-src 'none'",
    `script-src ${sha256(SCRIPT)}`,
    `style-src ${sha256(STYLE)}`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  return { html, csp };
}
