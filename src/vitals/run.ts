import { GonogoError, UsageError } from '../core/errors.js';
import type { ThresholdResult, ThresholdSource } from '../core/thresholds/index.js';
import { findChromium, measureVitals, type VitalsSample } from './measure.js';
import { evaluateVitals, parseVitalsThresholds, summarisePages, type PageVitals } from './summary.js';

export const VITALS_SCHEMA = 'gonogo/vitals-result@1';

export interface VitalsInput {
  urls: readonly string[];
  runs: number;
  thresholds: readonly ThresholdSource[];
  chromium?: string;
  timeoutMs: number;
  settleMs: number;
  allowOrigins: readonly string[];
  signal?: AbortSignal;
}

/** docs/vitals.md#json documents every field. */
export interface VitalsResult {
  schema: typeof VITALS_SCHEMA;
  startedAt: string;
  durationMs: number;
  browser: string;
  runs: number;
  pages: PageVitals[];
  thresholds: ThresholdResult[];
  /** Requests a page made to another origin, aborted (per page URL). */
  blocked: Record<string, number>;
  samples: VitalsSample[];
}

/** Check the input, measure every page cold and warm, summarise, judge the thresholds. */
export async function runVitals(input: VitalsInput): Promise<VitalsResult> {
  if (input.urls.length === 0) throw new UsageError('no page to measure', { where: 'gonogo vitals <url>...', hint: 'give one or more http(s) URLs, or set pages.urls in the config' });
  for (const u of input.urls) {
    let ok = false;
    try {
      ok = /^https?:$/.test(new URL(u).protocol);
    } catch {
      ok = false;
    }
    if (!ok) throw new GonogoError('GONOGO_URL_INVALID', `not an http(s) URL: ${u}`, { where: 'gonogo vitals <url>', hint: 'pages are given as absolute URLs: http://127.0.0.1:8080/' });
  }
  for (const o of input.allowOrigins) {
    if (!/^https?:\/\/[^/]+$/.test(o)) throw new UsageError(`"${o}" is not an origin`, { where: '--allow-origin', hint: 'write scheme://host[:port] without a path, e.g. https://cdn.example.com' });
  }
  parseVitalsThresholds(input.thresholds);
  const chromium = findChromium(input.chromium);
  const started = new Date();
  const measured = await measureVitals({ urls: input.urls, runs: input.runs, chromium, timeoutMs: input.timeoutMs, settleMs: input.settleMs, allowOrigins: input.allowOrigins, ...(input.signal ? { signal: input.signal } : {}) });
  if (measured.samples.length > 0 && measured.samples.every((s) => s.error)) {
    const first = measured.samples[0]!;
    throw new GonogoError('GONOGO_TARGET_UNREACHABLE', `no page loaded: ${first.url}: ${first.error}`, { where: first.url });
  }
  return {
    schema: VITALS_SCHEMA,
    startedAt: started.toISOString(),
    durationMs: Date.now() - started.getTime(),
    browser: `Chromium ${measured.browserVersion}`,
    runs: input.runs,
    pages: summarisePages(measured.samples),
    thresholds: evaluateVitals(input.thresholds, measured.samples),
    blocked: measured.blocked,
    samples: measured.samples,
  };
}
