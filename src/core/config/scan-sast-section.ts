import { z } from 'zod';
import type { ConfigSection } from './section.js';

// Placeholder shape for `scan.sast`; the sast scanner owns and extends this file.
export const scanSastSchema = z.strictObject({
  enabled: z.boolean().optional(),
});

export interface ScanSastConfig {
  readonly enabled?: boolean;
}

export const scanSastSection: ConfigSection<typeof scanSastSchema, ScanSastConfig> = {
  schema: scanSastSchema,
  normalise: (input) => input,
};
