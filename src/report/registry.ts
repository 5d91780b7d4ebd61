import type { ReportFormatName } from './format-names.js';
import type { RunReport } from '../core/run-report.js';
import type { Reporter, ReporterOptions } from './reporter.js';
import { html } from './reporters/html.js';
import { json } from './reporters/json.js';
import { junit } from './reporters/junit.js';
import { markdown } from './reporters/markdown.js';
import { sarif } from './reporters/sarif.js';
import { table } from './reporters/table.js';
import { runReportJson } from './run-json.js';
import { unknownReportFormat } from './load-reporter.js';

/** Every output format, one file each; the keys are exactly the valid `--format` values. */
export const REPORTERS = { table, json, sarif, markdown, html, junit } as const satisfies Record<ReportFormatName, Reporter>;

export type ReportFormat = keyof typeof REPORTERS;

export const REPORT_FORMATS = Object.keys(REPORTERS) as ReportFormat[];

export function isReportFormat(name: string): name is ReportFormat {
  // Own keys only, so "constructor" or "__proto__" never pass as a format.
  return Object.hasOwn(REPORTERS, name);
}

/** Look up a reporter by its `--format` name; a typo is a usage error with a suggestion (load-reporter.ts loads one alone). */
export function getReporter(name: string): Reporter {
  if (isReportFormat(name)) return REPORTERS[name];
  throw unknownReportFormat(name);
}

/**
 * The files of a run folder and the format each is written in: `report.json` is the run's own JSON
 * (report/run-json.ts, with the verdict, parts and load results); the others are registered reporters.
 */
export const RUN_FILE_FORMATS = { 'report.json': 'run-json', 'report.md': 'markdown', 'report.html': 'html', 'junit.xml': 'junit', 'results.sarif': 'sarif' } as const satisfies Record<string, ReportFormat | 'run-json'>;

export type RunFileName = keyof typeof RUN_FILE_FORMATS;

/** One file of a run folder as text. */
export function renderRunFile(name: RunFileName, report: RunReport, options: ReporterOptions): string {
  const format = RUN_FILE_FORMATS[name];
  return format === 'run-json' ? runReportJson(report) : REPORTERS[format](report, options);
}
