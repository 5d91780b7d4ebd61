import { z } from 'zod';
import type { ConfigSection } from './section.js';

// Placeholder shape for `scan.iac`; the iac scanner owns and extends this file.
export const scanIacSchema = z.strictObject({
  enabled: z.boolean().optional(),
});

export interface ScanIacConfig {
  readonly enabled?: boolean;
}

export const scanIacSection: ConfigSection<typeof scanIacSchema, ScanIacConfig> = {
  schema: scanIacSchema,
  normalise: (input) => input,
};
