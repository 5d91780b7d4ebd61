import { z } from 'zod';
import { positiveNumber } from './fields.js';
import type { ConfigSection } from './section.js';

export const RUN_PART_NAMES = ['load', 'secrets', 'deps', 'sast', 'iac', 'probe', 'docs'] as const;

/** `run`: how `gonogo run` runs; what each part does lives in its own section. */
export const runSchema = z.strictObject({
  /** Only these parts (default: every part the config configures). */
  parts: z.array(z.enum(RUN_PART_NAMES)).optional(),
  /** Where run folders go, relative to the config file (default .gonogo/runs). */
  outDir: z.string().regex(/\S/).optional(),
  /** Shrinks load durations (CI): 0.1 runs a tenth as long (default 1). */
  scale: positiveNumber().optional(),
  /** Warnings fail the gate, as with --strict (default false). */
  strict: z.boolean().optional(),
});

export interface RunConfig {
  readonly parts?: readonly (typeof RUN_PART_NAMES)[number][];
  readonly outDir?: string;
  readonly scale?: number;
  readonly strict?: boolean;
}

export const runSection: ConfigSection<typeof runSchema, RunConfig> = {
  schema: runSchema,
  normalise: (input) => input,
};
