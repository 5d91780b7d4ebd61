import { didYouMean } from '../core/did-you-mean.js';
import { UsageError } from '../core/errors.js';
import type { ReportFormatName } from './format-names.js';
import type { Reporter } from './reporter.js';
import { html } from './reporters/html.js';
import { json } from './reporters/json.js';
import { junit } from './reporters/junit.js';
import { markdown } from './reporters/markdown.js';
import { sarif } from './reporters/sarif.js';
import { table } from './reporters/table.js';

/** Every output format, one file each; the keys are exactly the valid `--format` values. */
export const REPORTERS = { table, json, sarif, markdown, html, junit } as const satisfies Record<ReportFormatName, Reporter>;

export type ReportFormat = keyof typeof REPORTERS;

export const REPORT_FORMATS = Object.keys(REPORTERS) as ReportFormat[];

export function isReportFormat(name: string): name is ReportFormat {
  // Own keys only, so "constructor" or "__proto__" never pass as a format.
  return Object.hasOwn(REPORTERS, name);
}

/** Look up a reporter by its `--format` name; a typo is a usage error with a suggestion. */
export function getReporter(name: string): Reporter {
  if (isReportFormat(name)) return REPORTERS[name];
  const guess = didYouMean(name, REPORT_FORMATS);
  const valid = `Valid formats: ${REPORT_FORMATS.join(', ')}.`;
  throw new UsageError(`Unknown report format "${name}".`, {
    where: '--format',
    hint: guess === undefined ? valid : `Did you mean "${guess}"? ${valid}`,
  });
}
