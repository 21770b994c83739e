/** The documented exit codes of every gameday command (README "Exit codes"). */
export const ExitCode = {
  Ok: 0,
  /** A game-day finding: an expectation failed, a gap was found, a game day did not pass. */
  Finding: 1,
  /** Usage error or invalid input (scenario, flags, files). */
  Invalid: 2,
  /** AWS or sandbox error: unreachable, throttled past retries, refused. */
  Aws: 3,
  /**
   * A stop gameday asked for was not confirmed by FIS within its bound: the experiment may still be
   * running. The run stays unfinished (`gameday abort` finds it); the output names the stop commands.
   */
  StopUnconfirmed: 4,
  /** Interrupted by a signal (128 + SIGINT). */
  Interrupted: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];
