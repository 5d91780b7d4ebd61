import { parseThreshold, type MetricCatalog, type Threshold, type ThresholdResult } from './thresholds/index.js';

/**
 * Web Vitals as every layer sees them: the probe measures them (probe/vitals), the run report shows them
 * (report), the config validates their thresholds (core/config/pages-section). Bands are Google's
 * (web.dev/articles/vitals): good at or below `good`, poor above `poor`, judged on p75.
 */
export const VITALS = ['lcp', 'cls', 'inp', 'fcp', 'ttfb'] as const;
export type Vital = (typeof VITALS)[number];
export type Band = 'good' | 'needs-improvement' | 'poor';

export const BANDS: Readonly<Record<Vital, { good: number; poor: number; unit: 'ms' | '' }>> = Object.freeze({
  lcp: { good: 2500, poor: 4000, unit: 'ms' },
  inp: { good: 200, poor: 500, unit: 'ms' },
  cls: { good: 0.1, poor: 0.25, unit: '' },
  fcp: { good: 1800, poor: 3000, unit: 'ms' },
  ttfb: { good: 800, poor: 1800, unit: 'ms' },
});

export function bandOf(vital: Vital, value: number): Band {
  const b = BANDS[vital];
  return value <= b.good ? 'good' : value <= b.poor ? 'needs-improvement' : 'poor';
}

/** The `pages` part's thresholds when none are configured: Google's "good" limits at p75 for the Core Web Vitals. */
export const DEFAULT_VITALS_THRESHOLDS = ['lcp p(75)<=2500', 'cls p(75)<=0.1', 'inp p(75)<=200'] as const;

/** The metrics a vitals threshold may name: `lcp p(75)<2500`, `cls{mode:cold} p(75)<0.1`. */
export const VITALS_METRICS: MetricCatalog = Object.freeze({
  lcp: { kind: 'trend', time: true, tags: ['mode'], description: 'Largest Contentful Paint, ms from navigation start.' },
  cls: { kind: 'trend', tags: ['mode'], description: 'Cumulative Layout Shift (largest session window), unitless.' },
  inp: { kind: 'trend', time: true, tags: ['mode'], description: 'Interaction to Next Paint of the scripted interaction, ms.' },
  fcp: { kind: 'trend', time: true, tags: ['mode'], description: 'First Contentful Paint, ms from navigation start.' },
  ttfb: { kind: 'trend', time: true, tags: ['mode'], description: 'Time to first byte of the document (navigation responseStart), ms.' },
});

/**
 * Vitals thresholds use the load thresholds' grammar and parser over the vitals' own metrics. The colon after the
 * metric may be left out (`lcp p(75)<2500` is `lcp: p(75)<2500`), as with `phase:ttfb p(95)<200`.
 */
export function parseVitalsThreshold(input: string, where: string): Threshold {
  const m = /^\s*(lcp|cls|inp|fcp|ttfb)(\{[^}]*\})?\s+(?!:)(.*)$/i.exec(input);
  const text = m ? `${m[1]!.toLowerCase()}${m[2] ?? ''}: ${m[3]}` : input;
  const t = parseThreshold(text, where, VITALS_METRICS);
  return { ...t, source: input };
}

/** Network conditions applied through the DevTools protocol (Network.emulateNetworkConditions). */
export interface NetworkConditions {
  /** Preset name, or "custom". */
  name: string;
  /** Added round-trip latency, ms. */
  latencyMs: number;
  /** Throughput in kbit/s (0: not limited). */
  downloadKbps: number;
  uploadKbps: number;
}

/**
 * Chrome DevTools' network presets (the figures its throttling menu applies: latency and throughput already
 * include DevTools' adjustment factors). `slow-4g` is what Lighthouse's mobile run simulates.
 */
export const NETWORK_PRESETS: Readonly<Record<string, NetworkConditions>> = Object.freeze({
  'fast-4g': { name: 'fast-4g', latencyMs: 165, downloadKbps: 8100, uploadKbps: 1350 },
  'slow-4g': { name: 'slow-4g', latencyMs: 562.5, downloadKbps: 1440, uploadKbps: 675 },
  '3g': { name: '3g', latencyMs: 2000, downloadKbps: 400, uploadKbps: 400 },
});

/** What the browser was slowed down by (Emulation.setCPUThrottlingRate, Network.emulateNetworkConditions). */
export interface VitalsThrottle {
  /** CPU slowdown factor; 1 = none. */
  cpu: number;
  network: NetworkConditions | null;
}

export type Mode = 'cold' | 'warm';
export interface RunSample {
  mode: Mode;
  lcp: number | null; cls: number | null; inp: number | null; fcp: number | null; ttfb: number | null;
  /** What the scripted interaction did: `click <selector>` or `click page corner`. */
  interaction?: string;
  /** The interactions done in this run, in order (user steps, else the one automatic click). */
  interactions?: string[];
  /** The user step that failed (`#2 click #save`), with `error` set to `step-failed: ...`. */
  failedStep?: string;
  error?: string;
  /** During a load run: the load's requests per second in the last completed second when this load started. */
  loadRps?: number;
}
/** One user-scripted step on a page (config `pages.urls[i].interactions`, `gonogo vitals --step`). */
export type InteractionStep =
  | { click: string }
  | { type: string; text: string }
  | { press: string }
  | { waitFor: string }
  | { wait: number };

/** A step as a short label for the result and messages: `click #save`, `type #q "abc"`, `wait 200ms`. */
export function stepLabel(step: InteractionStep): string {
  if ('click' in step) return `click ${step.click}`;
  if ('type' in step) return `type ${step.type} ${JSON.stringify(step.text)}`;
  if ('press' in step) return `press ${step.press}`;
  if ('waitFor' in step) return `waitFor ${step.waitFor}`;
  return `wait ${step.wait}ms`;
}
export interface VitalSummary { count: number; p50: number | null; p75: number | null; p95: number | null; band: Band | null }
export interface PageResult {
  url: string;
  runs: RunSample[];
  /** Per mode, per vital; the band is judged on p75 (Google's rule). */
  vitals: Record<Mode, Record<Vital, VitalSummary>>;
  blockedRequests: string[];
  errors: number;
}

export const VITALS_SCHEMA = 'gonogo/vitals-result@1';
export interface VitalsResult {
  schema: typeof VITALS_SCHEMA;
  startedAt: string;
  durationMs: number;
  browser: string;
  runsPerMode: number;
  throttle: VitalsThrottle;
  pages: PageResult[];
  skippedRuns: number;
  thresholds: ThresholdResult[];
}

/**
 * What the `pages` part of `gonogo run` measured: the pages idle, and (pages.duringLoad) once more while the load
 * part ran, for the report's side-by-side "Web Vitals" section (docs/vitals.md#in-gonogo-run).
 */
export interface PagesVitals {
  idle: VitalsResult;
  /** null when duringLoad was asked for but nothing could be measured under load (the reason is in `underLoadNote`). */
  underLoad?: VitalsResult | null;
  underLoadNote?: string;
  /** The threshold expressions judged, and whether they are the default (Google's "good" limits at p75). */
  thresholds: { expressions: string[]; defaulted: boolean };
}

/**
 * The vitals a report shows: the pages part of `gonogo run` (PagesVitals: idle always measured) or `gonogo load
 * --vitals` (LoadVitals: idle may be null, thresholds judged under load and `passed` set).
 */
export interface ReportVitals {
  idle: VitalsResult | null;
  idleNote?: string;
  underLoad?: VitalsResult | null;
  underLoadNote?: string;
  thresholds: { expressions: string[]; defaulted: boolean };
  /** Set by `gonogo load`: every threshold held under load (they are judged there, not idle). */
  passed?: boolean;
}

/** "1234 ms" for a timed vital, "0.13" for CLS, as check evidence shows an actual value. */
export function vitalActualText(metric: string, v: number | null): string {
  if (v === null) return 'no data';
  const text = Number.isInteger(v) ? String(v) : String(Number(v.toFixed(3)));
  return `${text}${BANDS[metric.replace(/\{.*$/, '') as Vital]?.unit ? ' ms' : ''}`;
}

/** How the page loads of one measurement went, for a check: measured of total, failure kinds, pages never loaded. */
export function pageLoadsTally(r: VitalsResult): { total: number; failed: number; kinds: string[]; dead: string[] } {
  return {
    total: r.pages.reduce((n, p) => n + p.runs.length, 0),
    failed: r.pages.reduce((n, p) => n + p.errors, 0),
    kinds: [...new Set(r.pages.flatMap((p) => p.runs.flatMap((x) => (x.error ? [x.error] : []))))],
    dead: r.pages.filter((p) => p.runs.length > 0 && p.errors === p.runs.length).map((p) => p.url),
  };
}

/** "CPU 4x slower, network slow-4g (562.5 ms, 1440/675 kbit/s)", or "none". */
export function describeThrottle(t: VitalsThrottle): string {
  const parts: string[] = [];
  if (t.cpu !== 1) parts.push(`CPU ${t.cpu}x slower`);
  if (t.network) parts.push(`network ${t.network.name} (${t.network.latencyMs} ms, ${t.network.downloadKbps || 'unlimited'}/${t.network.uploadKbps || 'unlimited'} kbit/s)`);
  return parts.length ? parts.join(', ') : 'none';
}
