import { z } from 'zod';
import { dashboardAddress, httpUrl, serviceName } from './fields.js';
import { docsSection } from './docs-section.js';
import { loadSection } from './load-section.js';
import { profilesSection } from './profiles-section.js';
import { baselineSection } from './baseline-section.js';
import { capacitySection } from './capacity-section.js';
import { scanSection } from './scan-section.js';
import { checklistSection } from './checklist-section.js';
import { policySection } from './policy-section.js';
import { pagesSection } from './pages-section.js';
import { probeSection } from './probe-section.js';
import { runSection } from './run-section.js';
import { verdictSection } from './verdict-section.js';
import type { ConfigSection } from './section.js';

/**
 * Every top-level section, by key. Adding one (scan, probe, docs, checklist) is a new
 * `<name>-section.ts` plus one entry here; the root schema and both config types follow from it.
 */
export const SECTIONS = {
  docs: docsSection,
  load: loadSection,
  profiles: profilesSection,
  baseline: baselineSection,
  capacity: capacitySection,
  scan: scanSection,
  checklist: checklistSection,
  policy: policySection,
  probe: probeSection,
  pages: pagesSection,
  run: runSection,
  verdict: verdictSection,
} as const;

type Sections = typeof SECTIONS;
type SectionOutput<S> = S extends ConfigSection<z.ZodType, infer N> ? N : never;

/** Plain top-level settings that need no normalising. */
const topLevelShape = {
  target: httpUrl().optional(),
  service: serviceName().optional(),
  dashboard: dashboardAddress().optional(),
  remoteWrite: httpUrl().optional(),
};

const sectionShape = Object.fromEntries(Object.entries(SECTIONS).map(([key, s]) => [key, s.schema.optional()])) as {
  [K in keyof Sections]: z.ZodOptional<Sections[K]['schema']>;
};

export const configSchema = z.strictObject({ ...topLevelShape, ...sectionShape });

/** What users write in gonogo.config.* (checked by `defineConfig` in a TS config). */
export type GonogoConfigInput = z.input<typeof configSchema>;

/** The validated, normalised, deep-frozen config: only what the user set; defaults are the CLI's business. */
export type GonogoConfig = {
  /** Base URL of the service under test (absolute http/https). */
  readonly target?: string;
  /** The service's name: job names, alert labels and dashboard titles of `gonogo export monitoring`. */
  readonly service?: string;
  /** Live dashboard address for load, run, capacity and baseline (docs/dashboard.md). */
  readonly dashboard?: true | number | string;
  /** Prometheus remote-write URL the live metrics go to while a load runs (docs/dashboard.md). */
  readonly remoteWrite?: string;
} & { readonly [K in keyof Sections]?: SectionOutput<Sections[K]> };

export type { LoadConfig, LoadConfigInput, HttpMethod, ThresholdEntry, ThresholdsConfig } from './load-section.js';
