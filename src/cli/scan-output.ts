import path from 'node:path';
import { didYouMean } from '../core/did-you-mean.js';
import { readDuration } from '../core/duration.js';
import { UsageError } from '../core/errors.js';
import { SEVERITIES, type CheckResult, type Severity } from '../core/result.js';
import { newReport } from '../core/report-envelope.js';
import { getReporter } from '../report/registry.js';

/** Flag handling and rendering shared by `gonogo scan` and `gonogo scan deps`. */

export function parseFailOn(value: string | undefined): Severity | undefined {
  if (value === undefined) return undefined;
  const v = value.toLowerCase();
  if ((SEVERITIES as readonly string[]).includes(v)) return v as Severity;
  const guess = didYouMean(v, SEVERITIES);
  throw new UsageError(`unknown severity "${value}" for --fail-on`, { where: '--fail-on', hint: `${guess ? `did you mean "${guess}"? ` : ''}use one of ${SEVERITIES.join(', ')}` });
}

/** Check the format before scanning, so a typo costs nothing. */
/** The flags `scan deps` and `scan image` share: an SBOM format or a report format, --fail-on, --max-db-age. */
export function readAdvisoryScanFlags(flags: { format: string; failOn?: string; maxDbAge?: string }): { sbom: boolean; failOn: Severity | undefined; maxDbAgeMs: number | undefined } {
  const sbom = flags.format === 'cyclonedx' || flags.format === 'spdx';
  if (!sbom) checkFormat(flags.format);
  const failOn = parseFailOn(flags.failOn);
  const maxDbAgeMs = flags.maxDbAge === undefined ? undefined : readDuration(flags.maxDbAge, 'd');
  if (flags.maxDbAge !== undefined && maxDbAgeMs === undefined) throw new UsageError(`invalid age "${flags.maxDbAge}"`, { where: '--max-db-age', hint: 'use a number of hours, days or weeks: 36h, 7d, 2w' });
  return { sbom, failOn, maxDbAgeMs };
}

export function checkFormat(format: string): void {
  getReporter(format);
}

export function renderScanReport(command: string, checks: CheckResult[], opts: { format: string; startedAt: Date; configFile?: string; cwd: string }): string {
  const report = newReport(command, opts.startedAt, checks);
  const color = process.stdout.isTTY === true && !process.env.NO_COLOR && opts.format === 'table';
  const configFile = opts.configFile ? path.relative(opts.cwd, opts.configFile) : undefined;
  return getReporter(opts.format)(report, { color, configFile, width: process.stdout.columns });
}

/**
 * Scanners report files relative to the folder they scanned; the report shows them relative to
 * the working directory so they can be opened (and SARIF resolves them) from where gonogo ran.
 */
export function relativeToCwd(checks: CheckResult[], root: string, cwd: string, rootIsFile: boolean): CheckResult[] {
  const base = rootIsFile ? path.dirname(root) : root;
  const prefix = path.relative(cwd, base);
  if (prefix === '' || prefix.startsWith('..') || path.isAbsolute(prefix)) return checks;
  return checks.map((c) => ({
    ...c,
    findings: c.findings?.map((f) => ('file' in f.location ? { ...f, location: { ...f.location, file: path.posix.join(prefix.split(path.sep).join('/'), f.location.file) } } : f)),
  }));
}
