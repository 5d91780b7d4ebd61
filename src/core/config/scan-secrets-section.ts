import { z } from 'zod';
import type { ConfigSection } from './section.js';

// Placeholder shape for `scan.secrets`; the secrets scanner owns and extends this file.
export const scanSecretsSchema = z.strictObject({
  enabled: z.boolean().optional(),
});

export interface ScanSecretsConfig {
  readonly enabled?: boolean;
}

export const scanSecretsSection: ConfigSection<typeof scanSecretsSchema, ScanSecretsConfig> = {
  schema: scanSecretsSchema,
  normalise: (input) => input,
};
