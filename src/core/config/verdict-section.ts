import { z } from 'zod';
import { PART_NAMES, type PartName } from '../part-catalogue.js';
import type { ConfigSection } from './section.js';

/** `verdict`: what the verdict needs evidence for (docs/verdict.md, "Coverage"). */
export const verdictSchema = z.strictObject({
  /**
   * Parts whose area must be covered: a required area that is not covered (its part skipped, or every
   * check of it skipped) is a blocker instead of a warning. Same names as `run.parts`.
   */
  require: z.array(z.enum(PART_NAMES)).optional(),
});

export interface VerdictConfig {
  readonly require?: readonly PartName[];
}

export const verdictSection: ConfigSection<typeof verdictSchema, VerdictConfig> = {
  schema: verdictSchema,
  normalise: (input) => input,
};
