import { z } from 'zod';
import { PART_NAMES, type PartName } from '../part-catalogue.js';
import { MAX_SCALE, isScale } from '../scale.js';
import type { ConfigSection } from './section.js';

const SCALE_MSG = `expected a number greater than 0 and at most ${MAX_SCALE}`;

/** `run`: how `gonogo run` runs; what each part does lives in its own section. */
export const runSchema = z.strictObject({
  /** Only these parts (default: every part the config configures). */
  parts: z.array(z.enum(PART_NAMES)).optional(),
  /** Where run folders go, relative to the config file (default .gonogo/runs). */
  outDir: z.string().regex(/\S/).optional(),
  /** Shrinks load durations (CI): 0.1 runs a tenth as long (default 1). */
  scale: z.number({ error: SCALE_MSG }).refine(isScale, { error: SCALE_MSG }).optional(),
  /** Warnings fail the gate, as with --strict (default false). */
  strict: z.boolean().optional(),
});

export interface RunConfig {
  readonly parts?: readonly PartName[];
  readonly outDir?: string;
  readonly scale?: number;
  readonly strict?: boolean;
}

export const runSection: ConfigSection<typeof runSchema, RunConfig> = {
  schema: runSchema,
  normalise: (input) => input,
};
