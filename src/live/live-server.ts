import { randomBytes } from 'node:crypto';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GamedayError } from '../core/errors.js';
import type { JournalEvent, RunStarted } from '../core/journal/events.js';
import type { ServiceClock } from '../core/run/service-clock.js';
import { followJournal, type JournalFollower } from './journal-follow.js';
import { LiveInputError, parseLiveMark, parseLiveNote, type LiveMark, type LiveNote } from './live-input.js';
import { livePage } from './live-page.js';
import { safeLiveView } from './live-view.js';

/** What the page's buttons and form do; the commands supply them (run: Ctrl-C's stop; watch: abort). */
export interface LiveControls {
  note(runDir: string, note: LiveNote, serviceNow: Date | undefined): Promise<unknown>;
  mark(runDir: string, mark: LiveMark, serviceNow: Date | undefined): Promise<unknown>;
  /** Resolves with what to tell the room; the journal shows the stop itself. */
  stop(runDir: string | undefined): Promise<string>;
  /** The run's service clock, from its run-started, for the budget countdown and the time of marks. */
  clockFor?(started: RunStarted): Promise<(ServiceClock & { close?(): void }) | undefined>;
}

export interface LiveServerOptions {
  /** 0 (default): a port the OS chooses */
  port?: number;
  controls: LiveControls;
  /** one line under the Stop button: what it does */
  stopSays: string;
  pollMs?: number;
}

export interface LiveServer {
  url: string;
  port: number;
  /** Shows this run (its journal); `gameday run --live` knows it only once the run has started. */
  follow(runDir: string): void;
  /** Resolves once the followed journal has its run-ended. */
  readonly ended: Promise<void>;
  /** Reads the journal a last time, sends it, tells pages gameday has finished, and closes. */
  close(): Promise<void>;
}

const BODY_LIMIT = 16 * 1024;
/** Views are rebuilt (the whole journal judged) at most this often while events pour in. */
const VIEW_EVERY_MS = 100;
const CLOCK_EVERY_MS = 1000;

class HttpRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The live view's HTTP edge, on 127.0.0.1 only: GET / is the page, GET /events the server-sent
 * events (the view rebuilt from the journal on every change, and the service clock each second),
 * POST /api/note, /api/mark and /api/stop the reporter's form and the Stop button. Requests must name
 * this server as Host (no DNS rebinding); posts must come from its own page (Origin, JSON, and the
 * page's token), so another site open in the same browser can neither read the run nor stop it.
 */
export async function startLiveServer(options: LiveServerOptions): Promise<LiveServer> {
  const token = randomBytes(16).toString('hex');
  const page = livePage(token, options.stopSays);
  const clients = new Set<ServerResponse>();
  let runDir: string | undefined;
  let follower: JournalFollower | undefined;
  let events: JournalEvent[] = [];
  let problem: string | undefined;
  let viewMessage = message('view', JSON.stringify(safeLiveView([])));
  let viewTimer: NodeJS.Timeout | undefined;
  let clock: (ServiceClock & { close?(): void }) | undefined;
  let clockAsked = false;
  let port = 0;
  let closing: Promise<void> | undefined;
  const inFlight = new Set<Promise<string>>();
  let runEnded = (): void => undefined;
  const ended = new Promise<void>((resolve) => (runEnded = resolve));

  const broadcast = (text: string): void => {
    for (const res of clients) res.write(text);
  };
  const rebuild = (): void => {
    viewTimer = undefined;
    const view = safeLiveView(events);
    viewMessage = message('view', JSON.stringify(problem ? { ...view, problem } : view));
    broadcast(viewMessage);
  };
  const clockMessage = (): string | undefined => (clock ? message('clock', JSON.stringify({ now: clock.now().toISOString(), speed: clock.speed })) : undefined);
  const onEvents = (next: JournalEvent[]): void => {
    events = next;
    problem = undefined;
    const started = next.find((e): e is JournalEvent & RunStarted => e.type === 'run-started');
    if (started && !clockAsked && options.controls.clockFor) {
      clockAsked = true;
      void options.controls.clockFor(started).then(
        (c) => {
          clock = c;
        },
        () => undefined,
      );
    }
    viewTimer ??= setTimeout(rebuild, VIEW_EVERY_MS);
    if (next.some((e) => e.type === 'run-ended')) runEnded();
  };
  const clockTimer = setInterval(() => {
    const text = clockMessage();
    if (text) broadcast(text);
  }, CLOCK_EVERY_MS);
  clockTimer.unref();

  const allowedHosts = (): string[] => [`127.0.0.1:${port}`, `localhost:${port}`];

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = req.headers.host ?? '';
    if (!allowedHosts().includes(host)) throw new HttpRefusal(421, `this server answers only as ${allowedHosts()[0]}`);
    const path = new URL(req.url ?? '/', `http://${host}`).pathname;
    if (req.method === 'GET' && path === '/') {
      res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/html; charset=utf-8', 'content-security-policy': page.csp });
      res.end(page.html);
      return;
    }
    if (req.method === 'GET' && path === '/events') {
      res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/event-stream; charset=utf-8', connection: 'keep-alive' });
      res.write('retry: 1000\n\n');
      res.write(viewMessage);
      const text = clockMessage();
      if (text) res.write(text);
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    if (req.method === 'POST' && path.startsWith('/api/')) {
      const origin = req.headers.origin;
      if (origin !== undefined && !allowedHosts().some((h) => origin === `http://${h}`)) throw new HttpRefusal(403, 'posts are accepted only from the live page itself');
      if (req.headers['x-gameday-token'] !== token) throw new HttpRefusal(403, 'posts are accepted only from the live page itself (reload it)');
      if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) throw new HttpRefusal(415, 'send JSON');
      const body = await readJson(req);
      // close() waits for it: an abort that ends the run must still tell the page how it went.
      const answer = post(path, body);
      inFlight.add(answer);
      try {
        sendJson(res, 200, { message: await answer });
      } finally {
        inFlight.delete(answer);
      }
      return;
    }
    throw new HttpRefusal(req.method === 'GET' || req.method === 'POST' ? 404 : 405, 'not here');
  }

  async function post(path: string, body: unknown): Promise<string> {
    const now = clock?.now();
    switch (path) {
      case '/api/note': {
        const note = parseLiveNote(body);
        await options.controls.note(requireRun(), note, now);
        await follower?.refresh();
        return 'note added to the journal';
      }
      case '/api/mark': {
        const mark = parseLiveMark(body);
        await options.controls.mark(requireRun(), mark, now);
        await follower?.refresh();
        return `${mark.mark} marked`;
      }
      case '/api/stop':
        return options.controls.stop(runDir);
      default:
        throw new HttpRefusal(404, 'not here');
    }
  }

  function requireRun(): string {
    if (!runDir) throw new HttpRefusal(409, 'the run has not started yet: nothing to write to');
    return runDir;
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) return void res.end();
      if (error instanceof HttpRefusal) return sendJson(res, error.status, { error: error.message });
      if (error instanceof LiveInputError) return sendJson(res, 400, { error: error.message });
      if (GamedayError.is(error)) return sendJson(res, error.exitCode === 2 ? 400 : 500, { error: error.message, ...(error.hint ? { hint: error.hint } : {}) });
      sendJson(res, 500, { error: error instanceof Error ? error.message : String(error) });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  }).catch((error: unknown) => {
    clearInterval(clockTimer);
    const code = (error as { code?: string }).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') {
      throw new GamedayError('USAGE', `the live view cannot listen on 127.0.0.1:${options.port}: ${code === 'EADDRINUSE' ? 'the port is in use' : 'permission denied'}`, { hint: 'pick another --port, or leave it out for one the system chooses' });
    }
    throw error;
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    ended,
    follow(dir) {
      if (runDir === dir) return;
      follower?.stop();
      runDir = dir;
      follower = followJournal(dir, {
        events: onEvents,
        problem: (text) => {
          problem = text;
          viewTimer ??= setTimeout(rebuild, VIEW_EVERY_MS);
        },
      }, options.pollMs);
    },
    close() {
      closing ??= finish();
      return closing;
    },
  };

  async function finish(): Promise<void> {
    await Promise.allSettled([...inFlight]);
    await follower?.refresh();
    follower?.stop();
    clearInterval(clockTimer);
    if (viewTimer) clearTimeout(viewTimer);
    rebuild();
    broadcast(message('end', '{}'));
    for (const res of clients) res.end();
    clients.clear();
    clock?.close?.();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
}

const SECURITY_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
};

/** One server-sent event; the data is JSON on one line (JSON.stringify never writes a newline). */
function message(event: string, data: string): string {
  return `event: ${event}\ndata: ${data}\n\n`;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8' });
  res.end(`${JSON.stringify(body)}\n`);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > BODY_LIMIT) throw new HttpRefusal(413, 'too much text');
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new HttpRefusal(400, 'send JSON');
  }
}
