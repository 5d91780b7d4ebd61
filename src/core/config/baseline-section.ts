import { z } from 'zod';
import { isHttpUrl } from './fields.js';
import type { ConfigSection } from './section.js';

/** `baseline`: what `gonogo baseline` runs (docs/profiles.md#the-baseline-suite). */
export const baselineSchema = z.strictObject({
  /** Profiles in order (default smoke, load, peak, endurance). */
  profiles: z.array(z.string().min(1)).min(1).optional(),
  /** Scenario file(s) each profile runs, relative to the config file (default: GET the target). */
  scenario: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)], { error: 'expected a scenario file path or a list of them' }).optional(),
  /** Health-check URL or path checked first (default: the target itself). */
  health: z.string().refine((s) => isHttpUrl(s) || s.startsWith('/'), { error: 'expected an absolute http(s) URL or a path starting with "/"' }).optional(),
  /** Keep going after a profile fails (default false: stop at the first failure). */
  continue: z.boolean().optional(),
});

export interface BaselineConfig {
  readonly profiles?: readonly string[];
  readonly scenario?: string | readonly string[];
  readonly health?: string;
  readonly continue?: boolean;
}

export const baselineSection: ConfigSection<typeof baselineSchema, BaselineConfig> = {
  schema: baselineSchema,
  normalise(input) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(input)) if (v !== undefined) out[k] = v;
    return out as BaselineConfig;
  },
};
