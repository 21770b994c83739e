import type { Logger } from 'pino';

/**
 * pino to stderr: JSON lines, or pretty when stderr is a terminal. Results never go through
 * the logger; they go to stdout. Loaded lazily so commands that log nothing pay nothing.
 */
let logger: Logger | undefined;

export async function getLogger(): Promise<Logger> {
  if (logger) return logger;
  const { pino } = await import('pino');
  const level = process.env.GAMEDAY_LOG_LEVEL ?? process.env.LOG_LEVEL ?? 'info';
  if (process.stderr.isTTY && !process.env.NO_COLOR) {
    const { default: pretty } = await import('pino-pretty');
    logger = pino({ level, base: undefined }, pretty({ destination: 2, sync: true, ignore: 'pid,hostname' }));
  } else {
    logger = pino({ level, base: undefined }, pino.destination({ dest: 2, sync: true }));
  }
  return logger;
}
