/** Exit codes shared by every command (DESIGN.md "Contracts"). CI systems branch on these. */
export const ExitCode = {
  /** Pass, READY, or READY WITH WARNINGS (unless --strict). */
  Ok: 0,
  /** The gate failed: a threshold failed, a finding at or above the fail level, NOT READY. */
  GateFailed: 1,
  /** Usage or config error: the user must change the command or the config. */
  Usage: 2,
  /** The target could not be reached, or the run was aborted (SIGINT). */
  Unreachable: 3,
  /** A bug in gonogo. */
  Internal: 4,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];
