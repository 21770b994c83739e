import { createHash } from 'node:crypto';
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appendNote } from '../../../src/core/journal/human-entries.js';
import type { JournalEvent } from '../../../src/core/journal/events.js';
import { readJournal } from '../../../src/core/journal/reader.js';
import { journalPath } from '../../../src/core/journal/run-dir.js';
import type { LiveView } from '../../../src/live/live-view.js';
import { startLiveServer, type LiveControls, type LiveServer } from '../../../src/live/live-server.js';
import { journals } from '../../fixtures/journals/index.js';

const lines = (events: JournalEvent[]) => events.map((e) => `${JSON.stringify(e)}\n`).join('');

let server: LiveServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function runDirWith(events: JournalEvent[]): Promise<string> {
  const runDir = join(await mkdtemp(join(tmpdir(), 'gameday-live-')), 'checkout-az-power', 'r1');
  await mkdir(runDir, { recursive: true });
  await writeFile(journalPath(runDir), lines(events));
  return runDir;
}

function recordingControls(): LiveControls & { stops: (string | undefined)[]; marks: unknown[] } {
  const stops: (string | undefined)[] = [];
  const marks: unknown[] = [];
  return {
    stops,
    marks,
    note: (runDir, note, now) => appendNote(runDir, { text: note.text, ...(note.by ? { author: note.by } : {}) }, () => now ?? new Date()),
    mark: async (_runDir, mark, now) => void marks.push({ ...mark, now: now?.toISOString() }),
    stop: async (runDir) => {
      stops.push(runDir);
      return 'stopping experiment EXP1';
    },
    clockFor: async () => ({ now: () => new Date('2026-11-26T12:05:00Z'), speed: 60 }),
  };
}

/** Reads the event stream, one parsed server-sent event at a time, until `done` says so. */
async function readEvents(url: string, done: (events: { event: string; data: unknown }[]) => boolean): Promise<{ event: string; data: unknown }[]> {
  const response = await fetch(new URL('/events', url));
  expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const seen: { event: string; data: unknown }[] = [];
  let buffer = '';
  try {
    while (!done(seen)) {
      const { value, done: ended } = await reader.read();
      if (ended) break;
      buffer += decoder.decode(value, { stream: true });
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data !== undefined) seen.push({ event, data: JSON.parse(data) });
      }
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return seen;
}

const views = (seen: { event: string; data: unknown }[]) => seen.filter((s) => s.event === 'view').map((s) => s.data as LiveView);

async function tokenOf(url: string): Promise<string> {
  return /name="gameday-token" content="([0-9a-f]+)"/.exec(await (await fetch(url)).text())![1]!;
}

function post(url: string, path: string, body: unknown, headers: Record<string, string>): Promise<{ status: number; body: { message?: string; error?: string } }> {
  return fetch(new URL(path, url), { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: (await r.json()) as { message?: string; error?: string } }));
}

/** A request with a Host header of our choosing (fetch does not allow one). */
function getWithHost(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the live view server (HTTP on 127.0.0.1)', () => {
  it('serves one self-contained page whose CSP allows exactly its own inline script and style, and nothing remote', async () => {
    server = await startLiveServer({ controls: recordingControls(), stopSays: 'Stop does what Ctrl-C does' });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const response = await fetch(server.url);
    const html = await response.text();
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'self'");
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    expect(csp).toContain(`script-src 'sha256-${createHash('sha256').update(script).digest('base64')}'`);
    expect(csp).toContain(`style-src 'sha256-${createHash('sha256').update(style).digest('base64')}'`);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toContain('Stop does what Ctrl-C does');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers only to its own name (no DNS rebinding)', async () => {
    server = await startLiveServer({ controls: recordingControls(), stopSays: '' });
    expect(await getWithHost(server.url, `127.0.0.1:${server.port}`)).toBe(200);
    expect(await getWithHost(server.url, `evil.example:${server.port}`)).toBe(421);
    expect(await getWithHost(new URL('/events', server.url).href, 'evil.example')).toBe(421);
  });

  it('streams the view as the journal grows, then the service clock, then the end', async () => {
    const events = journals['stop-condition-trip']!();
    const half = events.findIndex((e) => e.type === 'note');
    const runDir = await runDirWith(events.slice(0, half));
    server = await startLiveServer({ controls: recordingControls(), stopSays: '', pollMs: 20 });
    const first = await readEvents(server.url, (seen) => seen.length > 0);
    expect(views(first)[0]).toMatchObject({ phase: 'waiting', events: 0 });

    server.follow(runDir);
    const stream = readEvents(server.url, (seen) => views(seen).some((v) => v.phase === 'ended') && seen.some((s) => s.event === 'clock'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    await appendFile(journalPath(runDir), lines(events.slice(half)));
    const seen = await stream;
    const phases = views(seen).map((v) => `${v.phase} ${v.events}`);
    expect(phases).toContain(`running ${half}`);
    expect(phases.at(-1)).toBe(`ended ${events.length}`);
    expect(seen.find((s) => s.event === 'clock')?.data).toEqual({ now: '2026-11-26T12:05:00.000Z', speed: 60 });
    await server.ended;

    const closing = readEvents(server.url, (s) => s.some((e) => e.event === 'end'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await server.close();
    expect((await closing).map((s) => s.event)).toContain('end');
  });

  it('a torn last line (a write in progress) waits for the rest; a corrupt middle line is said on the page', async () => {
    const events = journals['stop-condition-trip']!();
    const text = lines(events.slice(0, 10));
    const runDir = await runDirWith([]);
    await writeFile(journalPath(runDir), `${text}${lines(events.slice(10, 11)).slice(0, 20)}`);
    server = await startLiveServer({ controls: recordingControls(), stopSays: '', pollMs: 20 });
    server.follow(runDir);
    const torn = await readEvents(server.url, (seen) => views(seen).some((v) => v.events === 10));
    expect(views(torn).at(-1)?.problem).toBeUndefined();
    await writeFile(journalPath(runDir), `${text}{not json\n${lines(events.slice(10, 12))}`);
    const corrupt = await readEvents(server.url, (seen) => views(seen).some((v) => v.problem));
    expect(views(corrupt).at(-1)?.problem).toMatch(/journal\.jsonl:11: not a journal event/);
  });

  it('the form: a note from the page lands in the journal (and on the page); posts from anywhere else are refused', async () => {
    const runDir = await runDirWith(journals['stop-condition-trip']!().slice(0, 15));
    const controls = recordingControls();
    server = await startLiveServer({ controls, stopSays: '', pollMs: 20 });
    const token = await tokenOf(server.url);
    const json = { 'content-type': 'application/json', 'x-gameday-token': token };

    expect(await post(server.url, '/api/note', { text: 'too early' }, json)).toEqual({ status: 409, body: { error: 'the run has not started yet: nothing to write to' } });
    server.follow(runDir);
    expect((await post(server.url, '/api/note', { text: 'x' }, { 'content-type': 'application/json' })).status).toBe(403);
    expect((await post(server.url, '/api/note', { text: 'x' }, { ...json, 'x-gameday-token': 'guess' })).status).toBe(403);
    expect((await post(server.url, '/api/note', { text: 'x' }, { ...json, origin: 'https://evil.example' })).status).toBe(403);
    expect((await post(server.url, '/api/note', 'text=x', { ...json, 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(415);
    expect(await post(server.url, '/api/note', '{', json)).toEqual({ status: 400, body: { error: 'send JSON' } });
    expect(await post(server.url, '/api/note', { text: '   ' }, json)).toEqual({ status: 400, body: { error: 'the note is empty' } });
    expect(await post(server.url, '/api/note', { text: 'x', tag: 'meh' }, json)).toEqual({ status: 400, body: { error: 'tag meh: one of well, wrong, lucky' } });
    expect(await post(server.url, '/api/mark', { mark: 'panicked' }, json)).toEqual({ status: 400, body: { error: 'mark one of detected, engaged, mitigated, recovered' } });
    expect((await readJournal(runDir)).events.filter((e) => e.type === 'note')).toEqual([]);

    const text = 'Ravi paged <b>DB</b>';
    expect(await post(server.url, '/api/note', { text, by: ' Ana ' }, { ...json, origin: server.url.replace(/\/$/, '') })).toEqual({ status: 200, body: { message: 'note added to the journal' } });
    const notes = (await readJournal(runDir)).events.filter((e) => e.type === 'note');
    expect(notes).toMatchObject([{ type: 'note', text, author: 'Ana' }]);
    const seen = await readEvents(server.url, (s) => views(s).some((v) => v.entries.some((t) => t.text === `note (Ana): ${text}`)));
    expect(views(seen).length).toBeGreaterThan(0);

    expect(await post(server.url, '/api/mark', { mark: 'detected', by: 'Ana', text: 'pager' }, json)).toEqual({ status: 200, body: { message: 'detected marked' } });
    expect(controls.marks).toEqual([{ mark: 'detected', by: 'Ana', text: 'pager', now: '2026-11-26T12:05:00.000Z' }]);
  });

  it('Stop calls what the command said Stop does, for the followed run, and tells the page its answer', async () => {
    const runDir = await runDirWith(journals['stop-condition-trip']!().slice(0, 15));
    const controls = recordingControls();
    server = await startLiveServer({ controls, stopSays: '' });
    server.follow(runDir);
    const token = await tokenOf(server.url);
    expect(await post(server.url, '/api/stop', {}, { 'content-type': 'application/json', 'x-gameday-token': token })).toEqual({ status: 200, body: { message: 'stopping experiment EXP1' } });
    expect(controls.stops).toEqual([runDir]);
    expect((await post(server.url, '/api/stop', {}, { 'content-type': 'application/json' })).status).toBe(403);
    expect(controls.stops).toHaveLength(1);
  });

  it('close() waits for a Stop in flight, so an abort that ends the run still answers the page', async () => {
    const runDir = await runDirWith(journals['stop-condition-trip']!().slice(0, 15));
    let finish = (): void => undefined;
    const controls = { ...recordingControls(), stop: () => new Promise<string>((resolve) => (finish = () => resolve('aborted'))) };
    server = await startLiveServer({ controls, stopSays: '' });
    server.follow(runDir);
    const token = await tokenOf(server.url);
    const answer = post(server.url, '/api/stop', {}, { 'content-type': 'application/json', 'x-gameday-token': token });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const closed = server.close();
    finish();
    expect(await answer).toEqual({ status: 200, body: { message: 'aborted' } });
    await closed;
  });

  it('a taken port is a usage error naming the port', async () => {
    server = await startLiveServer({ controls: recordingControls(), stopSays: '' });
    await expect(startLiveServer({ port: server.port, controls: recordingControls(), stopSays: '' })).rejects.toMatchObject({ code: 'USAGE', message: `the live view cannot listen on 127.0.0.1:${server.port}: the port is in use` });
  });
});
