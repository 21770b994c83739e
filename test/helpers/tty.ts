import { spawn, spawnSync } from 'node:child_process';
import { BIN, ROOT } from './cli.js';

/**
 * gameday under a real pseudo-terminal, through util-linux `script` (no npm dependency). What the
 * tests rely on, checked on util-linux 2.38: `-e` returns the child's exit status; the pty echoes
 * keys typed before the child reads them and turns every \n the child writes into \r\n; when
 * script's own stdin ends it types ^D (EOF) at the child; SIGTERM to script ends the child too.
 * A new pty is 0×0 unless `stty` sets its size.
 */
function requireScript(): void {
  const probe = spawnSync('script', ['--version'], { encoding: 'utf8' });
  if (probe.error || !/util-linux/.test(`${probe.stdout}`)) {
    // A missing pseudo-terminal must fail loudly: skipping would hide every TTY regression.
    throw new Error(
      `the TTY tests need util-linux \`script\` on PATH (Debian/Ubuntu: apt-get install bsdutils); ${probe.error ? probe.error.message : `found instead: ${`${probe.stdout}${probe.stderr}`.trim()}`}`,
    );
  }
}

const quote = (word: string): string => `'${word.replace(/'/g, `'\\''`)}'`;

export interface TtyOptions {
  env?: Record<string, string | undefined>;
  /** Terminal width the child sees; unset leaves the pty 0×0, as many wrappers and CI runners do. */
  columns?: number;
  /** Send the child's stdout here instead (like `gameday run --json > out.json`); stdin and stderr stay on the terminal. */
  stdoutFile?: string;
  /** End the terminal's input at once: any prompt then reads EOF instead of waiting. */
  noInput?: boolean;
  timeoutMs?: number;
}

export interface TtyExit {
  code: number | null;
  transcript: string;
}

export interface TtyRun {
  /** Everything the terminal received so far, raw: stdout and stderr (unless redirected), echo, escapes. */
  readonly transcript: string;
  /** Resolves once the terminal has shown `pattern`; rejects with the transcript if gameday ends first. */
  waitFor(pattern: RegExp): Promise<void>;
  /** gameday's own process id (it replaces the shell `script` starts). */
  pid(): Promise<number>;
  /** Keys typed at the terminal: "\r" is Enter, "\x03" Ctrl-C, "\x04" Ctrl-D. */
  type(keys: string): void;
  readonly exited: Promise<TtyExit>;
  stop(): void;
}

const PID_MARK = /gameday-pid (\d+)\r?\n/;

/** `gameday <args>` on a fresh pseudo-terminal. */
export function gamedayInTty(args: string[], options: TtyOptions = {}): TtyRun {
  requireScript();
  const size = options.columns ? `stty cols ${options.columns} rows 50 && ` : '';
  const redirect = options.stdoutFile ? ` > ${quote(options.stdoutFile)}` : '';
  // `exec` keeps the announced pid: the shell becomes gameday.
  const command = `${size}echo "gameday-pid $$" && exec ${[process.execPath, BIN, ...args].map(quote).join(' ')}${redirect}`;
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...process.env, TERM: 'xterm', ...options.env, SHELL: '/bin/sh' })) if (value !== undefined) env[key] = value;
  const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
  if (options.noInput) child.stdin.end();

  let transcript = '';
  let ended = false;
  const waiters = new Set<() => void>();
  const onOutput = (chunk: string): void => {
    transcript += chunk;
    for (const check of [...waiters]) check();
  };
  // Decoded as a stream so a character split across two reads stays whole.
  child.stdout.setEncoding('utf8').on('data', onOutput);
  // script's own complaints (never gameday's: its stderr is the terminal).
  child.stderr.setEncoding('utf8').on('data', onOutput);
  const timer = setTimeout(() => child.kill('SIGTERM'), options.timeoutMs ?? 50_000);
  const exited = new Promise<TtyExit>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      ended = true;
      for (const check of [...waiters]) check();
      resolve({ code, transcript });
    });
  });

  const waitFor = (pattern: RegExp): Promise<void> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        if (pattern.test(transcript)) {
          waiters.delete(check);
          resolve();
        } else if (ended) {
          waiters.delete(check);
          reject(new Error(`the terminal never showed ${pattern}; gameday exited after:\n${JSON.stringify(transcript)}`));
        }
      };
      waiters.add(check);
      check();
    });

  return {
    get transcript() {
      return transcript;
    },
    waitFor,
    pid: async () => {
      await waitFor(PID_MARK);
      return Number(PID_MARK.exec(transcript)![1]);
    },
    type: (keys) => {
      child.stdin.write(keys);
    },
    exited,
    stop: () => {
      if (!ended) child.kill('SIGTERM');
    },
  };
}

/**
 * What a terminal `columns` wide would show after `transcript`, one string per row, trailing blanks
 * and empty rows trimmed; nothing scrolls off. Understands what gameday, readline and pino-pretty emit: text
 * with auto-wrap, CR, LF, backspace, erase in line/display, cursor column/moves; colours are dropped.
 */
export function screenOf(transcript: string, columns: number): string[] {
  const rows: string[][] = [[]];
  let row = 0;
  let col = 0;
  const line = (): string[] => (rows[row] ??= []);
  for (let i = 0; i < transcript.length; i++) {
    const ch = transcript[i]!;
    if (ch === '\x1b') {
      const csi = /^\x1b\[([?0-9;]*)([@-~])/.exec(transcript.slice(i, i + 32));
      if (!csi) {
        i += 1;
        continue;
      }
      i += csi[0].length - 1;
      const n = Number(csi[1]!.split(';')[0] || 0);
      switch (csi[2]) {
        case 'K':
          if (n === 2) rows[row] = [];
          else if (n === 1) for (let c = 0; c <= col; c++) line()[c] = ' ';
          else line().length = Math.min(line().length, col);
          break;
        case 'J':
          if (n === 0) {
            line().length = Math.min(line().length, col);
            rows.length = row + 1;
          }
          break;
        case 'G':
          col = Math.max(0, (n || 1) - 1);
          break;
        case 'C':
          col += n || 1;
          break;
        case 'D':
          col = Math.max(0, col - (n || 1));
          break;
        case 'A':
          row = Math.max(0, row - (n || 1));
          break;
        case 'B':
          row += n || 1;
          break;
        default: // colours, cursor visibility: nothing on the grid
      }
    } else if (ch === '\r') col = 0;
    else if (ch === '\n') row++;
    else if (ch === '\b') col = Math.max(0, col - 1);
    else if (ch >= ' ') {
      if (col >= columns) {
        row++;
        col = 0;
      }
      const cells = line();
      while (cells.length < col) cells.push(' ');
      cells[col++] = ch;
    }
  }
  const screen = Array.from({ length: rows.length }, (_, r) => (rows[r] ?? []).join('').trimEnd());
  while (screen.at(-1) === '') screen.pop();
  return screen;
}
