import { didYouMean } from '../core/did-you-mean.js';
import { UsageError } from '../core/errors.js';
import { REPORT_FORMAT_NAMES, type ReportFormatName } from './format-names.js';
import type { Reporter } from './reporter.js';

/**
 * One reporter loaded on demand, for commands that render one format once (`gonogo scan secrets`): importing
 * registry.ts loads every reporter, the HTML one with its charts and histogram decoder (~0.1 s of CPU at start-up).
 * Returns the same function as registry.ts's REPORTERS[name].
 */
const LOADERS: Record<ReportFormatName, () => Promise<Reporter>> = {
  table: async () => (await import('./reporters/table.js')).table,
  json: async () => (await import('./reporters/json.js')).json,
  sarif: async () => (await import('./reporters/sarif.js')).sarif,
  markdown: async () => (await import('./reporters/markdown.js')).markdown,
  html: async () => (await import('./reporters/html.js')).html,
  junit: async () => (await import('./reporters/junit.js')).junit,
};

export function loadReporter(name: string): Promise<Reporter> {
  if (!Object.hasOwn(LOADERS, name)) return Promise.reject(unknownReportFormat(name));
  return LOADERS[name as ReportFormatName]();
}

/** The usage error for a `--format` that names no reporter, with the closest name when one is close. */
export function unknownReportFormat(name: string): UsageError {
  const guess = didYouMean(name, REPORT_FORMAT_NAMES);
  const valid = `Valid formats: ${REPORT_FORMAT_NAMES.join(', ')}.`;
  return new UsageError(`Unknown report format "${name}".`, {
    where: '--format',
    hint: guess === undefined ? valid : `Did you mean "${guess}"? ${valid}`,
  });
}
