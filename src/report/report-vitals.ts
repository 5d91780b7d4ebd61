import type { LoadReport } from '../core/load-result.js';
import type { Report } from '../core/result.js';
import { isRunReport } from '../core/run-report.js';
import type { ReportVitals } from '../core/vitals.js';

/**
 * The vitals a report carries: a run's pages part, or `gonogo load --vitals` (LoadReport). Kept apart from
 * vitals-model.ts, whose bands pull in the threshold grammar (core/thresholds, ~14 modules): the JSON reporter
 * needs only this, and `gonogo scan secrets --format json` loads nothing else of the vitals.
 */
export function reportVitals(report: Report): ReportVitals | undefined {
  if (isRunReport(report)) return report.vitals;
  return report.command === 'load' ? (report as LoadReport).vitals : undefined;
}
