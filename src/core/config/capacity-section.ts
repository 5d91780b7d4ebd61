import { z } from 'zod';
import { durationInput, httpUrl, isHttpUrl, positiveInt, positiveNumber, toMs, type DurationInput } from './fields.js';
import { thresholdsSchema, type ThresholdsConfig } from './load-section.js';
import type { ConfigSection } from './section.js';

/** `capacity`: the breaking-point search `gonogo run` runs as its `capacity` part (docs/capacity.md#in-gonogo-run). */
export const capacitySchema = z.strictObject({
  /** Path (on the target) or absolute URL each step requests, or with `scenario` the base URL it runs against (default: `load.url`, else the target). */
  url: z.string().refine((s) => isHttpUrl(s) || s.startsWith('/'), { error: 'expected an absolute http(s) URL or a path starting with "/"' }).optional(),
  /** Scenario file (relative to the config file) whose iterations each step sends at its rate, instead of one URL. */
  scenario: z.string().min(1).optional(),
  /** Metrics endpoints scraped during each step, instead of `load.metrics` (docs/server-metrics.md). */
  metrics: z.union([httpUrl(), z.array(httpUrl()).min(1)], { error: 'expected a metrics URL or a list of them' }).optional(),
  startRate: positiveNumber().optional(),
  maxRate: positiveNumber().optional(),
  stepDuration: durationInput({ positive: true }).optional(),
  timeLimit: durationInput({ positive: true }).optional(),
  /** Every step is judged by these (default: `load.thresholds`, else the launch defaults). */
  thresholds: thresholdsSchema.optional(),
  /** Generator worker threads of every step, instead of `load.workers` ("auto": one per core). */
  workers: z.union([z.literal('auto'), positiveInt('expected "auto" or a positive integer')], { error: 'expected "auto" or a positive integer' }).optional(),
});

export interface CapacityConfig {
  readonly url?: string;
  readonly scenario?: string;
  readonly metrics?: string | readonly string[];
  readonly startRate?: number;
  readonly maxRate?: number;
  readonly stepDurationMs?: number;
  readonly timeLimitMs?: number;
  readonly thresholds?: ThresholdsConfig;
  readonly workers?: number | 'auto';
}

export const capacitySection: ConfigSection<typeof capacitySchema, CapacityConfig> = {
  schema: capacitySchema,
  normalise(input) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(input)) {
      if (v === undefined) continue;
      if (k === 'stepDuration' || k === 'timeLimit') out[`${k}Ms`] = toMs(v as DurationInput);
      else out[k] = v;
    }
    return out as CapacityConfig;
  },
  rules(c, { at, problems }) {
    if (c.startRate !== undefined && c.maxRate !== undefined && c.startRate > c.maxRate) problems.add([...at, 'startRate'], `startRate ${c.startRate} is above maxRate ${c.maxRate}`);
    if (c.stepDurationMs !== undefined && c.stepDurationMs < 2000) problems.add([...at, 'stepDuration'], 'a step needs at least 2s (a few one-second slices to judge)');
    if (c.stepDurationMs !== undefined && c.timeLimitMs !== undefined && c.timeLimitMs < c.stepDurationMs) problems.add([...at, 'timeLimit'], 'the time limit is shorter than one step');
  },
};
