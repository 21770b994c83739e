import type { ExitCodeValue } from './exit-codes.js';

/** What a command body needs from whichever entry ran it (oclif, or the fast start of validate/plan). */
export interface CommandIo {
  /** --json given: text is not printed, the returned result is. */
  json: boolean;
  out(text: string): void;
  setExitCode(code: ExitCodeValue): void;
}
