import type { Logger, LoggerOptions } from 'pino';
import { terminalRecord } from '../core/output-text.js';

/**
 * pino to stderr: JSON lines, or pretty when stderr is a terminal (without colours under NO_COLOR).
 * Results never go through the logger; they go to stdout. Loaded lazily so commands that log nothing pay nothing.
 */
let logger: Logger | undefined;

export async function getLogger(): Promise<Logger> {
  if (logger) return logger;
  const { pino } = await import('pino');
  const level = process.env.GAMEDAY_LOG_LEVEL ?? process.env.LOG_LEVEL ?? 'info';
  // Log records carry scenario text and names AWS returned: no raw control characters, JSON or pretty.
  const options: LoggerOptions = {
    level,
    base: undefined,
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map(terminalRecord) as Parameters<typeof method>);
      },
    },
  };
  if (process.stderr.isTTY) {
    const { default: pretty } = await import('pino-pretty');
    // NO_COLOR asks for no colours, not for JSON. Left to itself pino-pretty would decide from stdout,
    // which under `--json > file` is not where the logs go.
    logger = pino(options, pretty({ destination: 2, sync: true, ignore: 'pid,hostname', colorize: !process.env.NO_COLOR }));
  } else {
    logger = pino(options, pino.destination({ dest: 2, sync: true }));
  }
  return logger;
}
