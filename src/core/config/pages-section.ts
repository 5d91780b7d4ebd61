import { z } from 'zod';
import { GonogoError } from '../errors.js';
import { NETWORK_PRESETS, parseVitalsThreshold, type InteractionStep, type NetworkConditions } from '../vitals.js';
import { durationInput, httpUrl, isHttpUrl, toMs, type DurationInput } from './fields.js';
import { joinUrl } from './load-section.js';
import type { ConfigSection } from './section.js';
import { stepSchema, toStep } from '../vitals-steps.js';

const PAGE_URL = 'expected an absolute http(s) URL or a path starting with "/"';
const KBPS = 'expected kbit/s as a number >= 0 (0: not limited)';
const kbps = () => z.number({ error: KBPS }).min(0, { error: KBPS });
const PRESETS = Object.keys(NETWORK_PRESETS) as [string, ...string[]];
const CPU = 'expected a CPU slowdown factor from 1 to 20 (e.g. 4)';

const pageUrl = () => z.string({ error: PAGE_URL }).refine((s) => isHttpUrl(s) || s.startsWith('/'), { error: PAGE_URL });
const pageEntry = z.union([pageUrl(), z.strictObject({ url: pageUrl(), interactions: z.array(stepSchema, { error: 'expected a list of steps' }).min(1, { error: 'expected at least one step' }) })], {
  error: 'expected a page URL or path, or { url, interactions: [steps] }',
});
type PageEntry = z.infer<typeof pageEntry>;

/** `pages`: Web Vitals of the UI pages as a part of `gonogo run` (docs/vitals.md#in-gonogo-run). */
export const pagesSchema = z.strictObject({
  /** Pages to load: paths on the target or absolute URLs. */
  urls: z.array(pageEntry, { error: 'expected a list of page URLs or paths' }).min(1, { error: 'expected at least one page' }),
  runs: z.int({ error: 'expected a whole number from 1 to 100' }).min(1, { error: 'expected a whole number from 1 to 100' }).max(100, { error: 'expected a whole number from 1 to 100' }).optional(),
  /** Vitals thresholds (`lcp p(75)<2500`); default: Google's "good" limits at p75 for LCP, CLS and INP. */
  thresholds: z.array(z.string({ error: 'expected a threshold expression string' }).regex(/\S/, { error: 'expected a non-empty threshold expression' }), { error: 'expected a list of threshold expressions' }).optional(),
  timeout: durationInput({ positive: true }).optional(),
  maxTime: durationInput({ positive: true }).optional(),
  settle: durationInput().optional(),
  chromium: z.string({ error: 'expected the path of a Chromium binary' }).min(1, { error: 'expected the path of a Chromium binary' }).optional(),
  allowOrigins: z.array(httpUrl()).optional(),
  cpuThrottle: z.number({ error: CPU }).min(1, { error: CPU }).max(20, { error: CPU }).optional(),
  network: z
    .union([z.enum(PRESETS), z.strictObject({ latency: durationInput(), download: kbps(), upload: kbps() })], { error: `expected one of ${PRESETS.join(', ')}, or { latency, download, upload } (kbit/s)` })
    .optional(),
  /** Measure the pages a second time while the load part runs, shown side by side with the idle figures. */
  duringLoad: z.boolean().optional(),
});

/** The `pages` section after normalisation: paths joined to the target, durations in ms, the network as conditions. */
export interface PagesConfig {
  readonly urls: readonly string[];
  /** User-scripted steps by (joined) page URL. */
  readonly steps?: Readonly<Record<string, readonly InteractionStep[]>>;
  readonly runs?: number;
  readonly thresholds?: readonly string[];
  readonly timeoutMs?: number;
  readonly maxTimeMs?: number;
  readonly settleMs?: number;
  readonly chromium?: string;
  readonly allowOrigins?: readonly string[];
  readonly cpuThrottle?: number;
  readonly network?: NetworkConditions;
  readonly duringLoad?: boolean;
}

export const pagesSection: ConfigSection<typeof pagesSchema, PagesConfig> = {
  schema: pagesSchema,
  normalise(input, { top }) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(input)) {
      if (v === undefined) continue;
      if (k === 'timeout' || k === 'maxTime' || k === 'settle') out[`${k}Ms`] = toMs(v as DurationInput);
      else if (k === 'urls') {
        const join = (u: string) => (u.startsWith('/') && top.target ? joinUrl(top.target, u) : u);
        const entries = v as PageEntry[];
        out.urls = entries.map((e) => join(typeof e === 'string' ? e : e.url));
        const steps = entries.filter((e) => typeof e !== 'string').map((e) => [join(e.url), e.interactions.map(toStep)] as const);
        if (steps.length > 0) out.steps = Object.fromEntries(steps);
      }
      else if (k === 'network') {
        const n = v as string | { latency: DurationInput; download: number; upload: number };
        out.network = typeof n === 'string' ? NETWORK_PRESETS[n] : { name: 'custom', latencyMs: toMs(n.latency), downloadKbps: n.download, uploadKbps: n.upload };
      } else out[k] = v;
    }
    return out as unknown as PagesConfig;
  },
  rules(pages, { at, top, problems }) {
    pages.urls.forEach((u, i) => {
      if (u.startsWith('/') && top.target === undefined && !problems.failed(['target'])) problems.add([...at, 'urls', i], `"${u}" is a path, so \`target\` (the base URL) must be set; or give an absolute URL`);
    });
    // The thresholds' own parser, so a typo is exit 2 before any browser starts.
    (pages.thresholds ?? []).forEach((t, i) => {
      try {
        parseVitalsThreshold(t, '');
      } catch (e) {
        problems.add([...at, 'thresholds', i], e instanceof GonogoError ? (e.details[0] ?? e.message).split('\n')[0]!.replace(/^:\s*/, '') : String(e));
      }
    });
  },
};
