import type { AreaCoverage } from './coverage.js';
import type { Report } from './result.js';
import type { BreakingPoint } from './breaking-point.js';
import type { LoadResult } from './load-result.js';
import type { VerdictResult } from './verdict.js';
import type { PartName } from './part.js';
import type { PagesVitals } from './vitals.js';

/** What happened to one part: it ran, it was skipped (with the reason), or it failed to run. */
export interface PartStatus {
  name: PartName;
  title: string;
  status: 'ran' | 'skipped' | 'error';
  /** Why it was skipped, or the error that stopped it. */
  reason?: string;
  durationMs?: number;
}

/**
 * One `gonogo run`: the plain Report every reporter reads, plus the verdict, the parts and the load
 * results. Reporters that know about runs (markdown, html, junit) use the extra fields when present.
 */
export interface RunReport extends Report {
  target?: string;
  strict: boolean;
  verdict: VerdictResult;
  parts: PartStatus[];
  /** Each area as passed, failed or not covered (one row per part, in part order). */
  coverage: AreaCoverage[];
  loads: { name: string; result: LoadResult }[];
  /** Set when the capacity part ran (docs/capacity.md#in-gonogo-run). */
  breakingPoint?: BreakingPoint;
  /** Set when the pages part ran (docs/vitals.md#in-gonogo-run). */
  vitals?: PagesVitals;
}

export function isRunReport(r: Report): r is RunReport {
  return 'verdict' in r && 'parts' in r;
}
