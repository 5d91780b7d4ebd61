import { z } from 'zod';
import type { ConfigSection } from './section.js';

// Placeholder shape for `scan.deps`; the deps scanner owns and extends this file.
export const scanDepsSchema = z.strictObject({
  enabled: z.boolean().optional(),
});

export interface ScanDepsConfig {
  readonly enabled?: boolean;
}

export const scanDepsSection: ConfigSection<typeof scanDepsSchema, ScanDepsConfig> = {
  schema: scanDepsSchema,
  normalise: (input) => input,
};
