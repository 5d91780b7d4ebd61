import { ExitCode, type ExitCodeValue } from './exit-codes.js';

/**
 * Every error gonogo raises on purpose has a stable code listed here and in docs/errors.md
 * (a test keeps the two in step). A user error says what was wrong, where, and what to do;
 * the CLI prints it without a stack trace and exits with the code's exit status.
 */
export const ERROR_CODES = {
  GONOGO_USAGE: { exit: ExitCode.Usage, summary: 'A command-line argument or flag is missing or invalid.' },
  GONOGO_CONFIG_NOT_FOUND: { exit: ExitCode.Usage, summary: 'The config file given with --config does not exist.' },
  GONOGO_CONFIG_PARSE: { exit: ExitCode.Usage, summary: 'The config file could not be read or parsed (YAML/JSON syntax, or a JS/TS config that throws).' },
  GONOGO_CONFIG_INVALID: { exit: ExitCode.Usage, summary: 'The config file parsed but does not match the schema; every problem is listed as path: message.' },
  GONOGO_THRESHOLD_SYNTAX: { exit: ExitCode.Usage, summary: 'A threshold expression does not follow the grammar in docs/thresholds.md.' },
  GONOGO_THRESHOLD_TYPE: { exit: ExitCode.Usage, summary: 'A threshold uses an aggregation its metric does not have (e.g. p(95) on a rate) or an unknown metric or tag.' },
  GONOGO_URL_INVALID: { exit: ExitCode.Usage, summary: 'The target URL is not an absolute http:// or https:// URL.' },
  GONOGO_OUTPUT_WRITE: { exit: ExitCode.Usage, summary: 'An output file (--out, --csv) could not be written.' },
  GONOGO_SCENARIO_INVALID: { exit: ExitCode.Usage, summary: 'A scenario file does not compile or load, exports no scenario, or a scenario, executor, profile or feeder is invalid.' },
  GONOGO_DEPS_DB: { exit: ExitCode.Usage, summary: 'The vulnerability database (--db, scan.deps.db or the `gonogo db update` cache) is missing, unreadable or not OSV data.' },
  GONOGO_IMAGE_INVALID: { exit: ExitCode.Usage, summary: '`gonogo scan image` was given something that is not a readable image: no such file, not a tar archive, a manifest naming a missing layer, or a layer it cannot decompress.' },
  GONOGO_DB_DOWNLOAD: { exit: ExitCode.Unreachable, summary: '`gonogo db update` could not download or verify an OSV archive; the previous cache is left as it was.' },
  GONOGO_TARGET_UNREACHABLE: { exit: ExitCode.Unreachable, summary: 'The target refused the connection, its name did not resolve, or it did not answer in time.' },
  GONOGO_ABORTED: { exit: ExitCode.Unreachable, summary: 'The run was interrupted (SIGINT / SIGTERM); a summary of what ran is still printed.' },
  GONOGO_DEMO_UNAVAILABLE: { exit: ExitCode.Unreachable, summary: '`gonogo demo` could not start the bundled reference service (missing from this build, or it failed to listen on loopback).' },
  GONOGO_NOTHING_TO_CHECK: { exit: ExitCode.Usage, summary: '`gonogo run` found no config file, or a config under which every part is skipped: there is no evidence to give a verdict on.' },
  GONOGO_INIT_EXISTS: { exit: ExitCode.Usage, summary: '`gonogo init` refuses to overwrite a config, scenario or deploy-kit file that already exists.' },
  GONOGO_MERGE_INPUT: { exit: ExitCode.Usage, summary: 'A result given to `gonogo merge` or `gonogo k8s collect` is unreadable, truncated or not a gonogo load result, or does not fit the others (overlapping or missing execution segments, another target or other options).' },
  GONOGO_BROWSER_MISSING: { exit: ExitCode.Usage, summary: '`gonogo vitals` found no Chromium to launch (--chromium, GONOGO_CHROMIUM, /usr/bin/chromium).' },
  GONOGO_INTERNAL: { exit: ExitCode.Internal, summary: 'A bug in gonogo. Please report it with the command you ran.' },
} as const satisfies Record<string, { exit: ExitCodeValue; summary: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface ErrorDetails {
  /** Where the problem is: "gonogo.config.yaml:12", "load.thresholds[0]", "--connections". */
  where?: string;
  /** What the user should do about it. */
  hint?: string;
  /** Further lines, e.g. one per config problem. */
  details?: string[];
  cause?: unknown;
}

export class GonogoError extends Error {
  readonly code: ErrorCode;
  readonly where?: string;
  readonly hint?: string;
  readonly details: string[];

  constructor(code: ErrorCode, message: string, opts: ErrorDetails = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'GonogoError';
    this.code = code;
    this.where = opts.where;
    this.hint = opts.hint;
    this.details = opts.details ?? [];
  }

  get exitCode(): ExitCodeValue {
    return ERROR_CODES[this.code].exit;
  }
}

export class UsageError extends GonogoError {
  constructor(message: string, opts: ErrorDetails = {}) {
    super('GONOGO_USAGE', message, opts);
    this.name = 'UsageError';
  }
}

export class ConfigError extends GonogoError {
  constructor(code: 'GONOGO_CONFIG_NOT_FOUND' | 'GONOGO_CONFIG_PARSE' | 'GONOGO_CONFIG_INVALID', message: string, opts: ErrorDetails = {}) {
    super(code, message, opts);
    this.name = 'ConfigError';
  }
}

export class ThresholdError extends GonogoError {
  constructor(code: 'GONOGO_THRESHOLD_SYNTAX' | 'GONOGO_THRESHOLD_TYPE', message: string, opts: ErrorDetails = {}) {
    super(code, message, opts);
    this.name = 'ThresholdError';
  }
}

export class TargetUnreachableError extends GonogoError {
  constructor(message: string, opts: ErrorDetails = {}) {
    super('GONOGO_TARGET_UNREACHABLE', message, opts);
    this.name = 'TargetUnreachableError';
  }
}

/** Render a user-facing error: code, message, where, details, hint. No stack trace. */
export function formatError(err: GonogoError): string {
  const lines = [`error[${err.code}]: ${err.message}`];
  if (err.where) lines.push(`  at ${err.where}`);
  for (const d of err.details) lines.push(`  - ${d}`);
  if (err.hint) lines.push(`  hint: ${err.hint}`);
  return lines.join('\n');
}
