import { z } from 'zod';
import { durationInput, nonNegativeInt, positiveInt, positiveNumber, toMs, type DurationInput } from './fields.js';
import { thresholdsSchema, type ThresholdsConfig } from './load-section.js';
import type { ConfigSection } from './section.js';

/**
 * `profiles`: override built-in load profiles (smoke, load, stress, endurance, peak, spike) or add
 * new ones. Every field is optional; what is set replaces the built-in's value (docs/profiles.md).
 */
const profileSchema = z.strictObject({
  description: z.string().optional(),
  users: positiveInt().optional(),
  duration: durationInput({ positive: true }).optional(),
  spawnRate: positiveNumber().optional(),
  startUsers: nonNegativeInt().optional(),
  stages: z.array(z.strictObject({ duration: durationInput(), target: nonNegativeInt() })).min(1).optional(),
  rate: positiveNumber().optional(),
  maxUsers: positiveInt().optional(),
  // spike shape
  baseUsers: nonNegativeInt().optional(),
  baseline: durationInput().optional(),
  rampUp: durationInput().optional(),
  rampDown: durationInput().optional(),
  after: durationInput().optional(),
  thresholds: thresholdsSchema.optional(),
  /** End the profile with the capacity search (docs/capacity.md#after-a-profile): `gonogo load --profile` and `gonogo run`. */
  breakingPoint: z.boolean().optional(),
});

export const profilesSchema = z.record(z.string().regex(/^[A-Za-z][\w-]*$/, { error: 'expected a profile name (letters, digits, - and _)' }), profileSchema);

export interface ProfileConfig {
  readonly description?: string;
  readonly users?: number;
  readonly durationMs?: number;
  readonly spawnRate?: number;
  readonly startUsers?: number;
  readonly stages?: readonly { readonly durationMs: number; readonly target: number }[];
  readonly rate?: number;
  readonly maxUsers?: number;
  readonly baseUsers?: number;
  readonly baselineMs?: number;
  readonly rampUpMs?: number;
  readonly rampDownMs?: number;
  readonly afterMs?: number;
  readonly thresholds?: ThresholdsConfig;
  readonly breakingPoint?: boolean;
}

export type ProfilesConfig = Readonly<Record<string, ProfileConfig>>;

const DURATION_KEYS: Record<string, string> = { duration: 'durationMs', baseline: 'baselineMs', rampUp: 'rampUpMs', rampDown: 'rampDownMs', after: 'afterMs' };

export const profilesSection: ConfigSection<typeof profilesSchema, ProfilesConfig> = {
  schema: profilesSchema,
  normalise(input) {
    const out: Record<string, ProfileConfig> = {};
    for (const [name, p] of Object.entries(input)) {
      const o: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(p)) {
        if (v === undefined) continue;
        if (k in DURATION_KEYS) o[DURATION_KEYS[k]!] = toMs(v as DurationInput);
        else if (k === 'stages') o.stages = (v as { duration: DurationInput; target: number }[]).map((s) => ({ durationMs: toMs(s.duration), target: s.target }));
        else o[k] = v;
      }
      out[name] = o as ProfileConfig;
    }
    return out;
  },
  rules(profiles, { at, problems }) {
    for (const [name, p] of Object.entries(profiles)) {
      if (p.stages && p.rate !== undefined) problems.add([...at, name, 'rate'], 'set either stages (users over time) or rate (arrival rate), not both');
      if (p.stages && p.stages.every((s) => s.durationMs === 0)) problems.add([...at, name, 'stages'], 'the stages add up to no time at all');
    }
  },
};
