import { z } from 'zod';
import type { ConfigSection } from './section.js';

const ruleList = z.array(z.string().min(1, { error: 'expected a rule id such as "sast.py-eval"' }));

/** `scan.sast`: static analysis of JavaScript, TypeScript and Python (docs/sast.md). */
export const scanSastSchema = z.strictObject({
  enabled: z.boolean().optional(),
  /** Run only these rules (ids with or without the "sast." prefix). */
  rules: ruleList.optional(),
  /** Never run these rules. */
  disable: ruleList.optional(),
  /** Extra gitignore-style patterns skipped by this scanner only (added to scan.exclude). */
  exclude: z.array(z.string()).optional(),
  /** Files larger than this many bytes are skipped and listed (default 1000000). */
  maxFileBytes: z.number().int({ error: 'expected a whole number of bytes' }).positive({ error: 'expected a positive number of bytes' }).optional(),
});

export interface ScanSastConfig {
  readonly enabled?: boolean;
  readonly rules?: readonly string[];
  readonly disable?: readonly string[];
  readonly exclude?: readonly string[];
  readonly maxFileBytes?: number;
}

export const scanSastSection: ConfigSection<typeof scanSastSchema, ScanSastConfig> = {
  schema: scanSastSchema,
  normalise: (input) => input,
};
