import { z } from 'zod';
import { SEVERITIES, type Severity } from '../result.js';
import type { ConfigSection } from './section.js';

/** `scan.secrets`: the secrets scanner's settings (docs/secrets.md, docs/config.md). */
export const scanSecretsSchema = z.strictObject({
  enabled: z.boolean().optional(),
  /** Baseline file of known findings, relative to the config file. */
  baseline: z.string().min(1).optional(),
  /** Files larger than this many bytes are skipped (default 10 MB). */
  maxFileBytes: z.number().int().positive().optional(),
  /** Extra gitignore-style patterns for this scanner only (added to `scan.exclude`). */
  exclude: z.array(z.string()).optional(),
  /** Honour .gitignore files (default true); .gonogoignore is always honoured. */
  gitignore: z.boolean().optional(),
  /** Findings at or above this severity fail (default: `scan.failOn`, else low — any secret fails). */
  failOn: z.enum(SEVERITIES).optional(),
  /** Decode base64 / URL-encoded values and escaped JSON strings and scan them too (default true). */
  decode: z.boolean().optional(),
});

export interface ScanSecretsConfig {
  readonly enabled?: boolean;
  readonly baseline?: string;
  readonly maxFileBytes?: number;
  readonly exclude?: readonly string[];
  readonly gitignore?: boolean;
  readonly failOn?: Severity;
  readonly decode?: boolean;
}

export const scanSecretsSection: ConfigSection<typeof scanSecretsSchema, ScanSecretsConfig> = {
  schema: scanSecretsSchema,
  normalise: (input) => input,
};
