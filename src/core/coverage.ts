import type { CoverageArea } from './part-catalogue.js';

/**
 * Coverage: which areas of a launch review a run produced evidence for. The verdict and every
 * run report name each area as passed, failed or not covered, so a run that checked nothing in an
 * area can never read as if that area were fine (docs/verdict.md, "Coverage").
 */

/** The areas, in report order; each part declares its own in the part catalogue (core/part-catalogue.ts). */
export const AREAS = ['performance', 'dependencies', 'code', 'secrets', 'config', 'live-security', 'docs'] as const satisfies readonly CoverageArea[];
export type Area = CoverageArea;

/** How people read an area: "secret scan" rather than "secrets". */
export const AREA_TITLES: Readonly<Record<Area, string>> = Object.freeze({
  performance: 'performance',
  dependencies: 'dependency scan',
  code: 'code scan',
  secrets: 'secret scan',
  config: 'config scan',
  'live-security': 'live security',
  docs: 'docs',
});

/**
 * passed: the part ran and no check of it failed (warnings included); failed: the part failed to run
 * or a check of it failed; not-covered: the part was skipped, or ran without a single check that
 * was not itself skipped, so there is no evidence either way.
 */
export type CoverageStatus = 'passed' | 'failed' | 'not-covered';

export interface AreaCoverage {
  area: Area;
  /** For people: "secret scan". */
  title: string;
  /** The part that covers the area (`load`, `secrets`, ...). */
  part: string;
  status: CoverageStatus;
  /** Why: the counts behind passed/failed, or the reason nothing was checked. */
  detail: string;
}
