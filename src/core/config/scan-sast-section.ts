import { z } from 'zod';
import { regexSource } from './fields.js';
import type { ConfigSection } from './section.js';

const ruleList = z.array(z.string().min(1, { error: 'expected a rule id such as "sast.py-eval"' }));

const pattern = regexSource();
const patterns = z.array(pattern);

/** One custom taint rule (docs/sast.md#custom-rules): request data reaching `sinks` unless cleaned by `sanitizers`. */
const customRule = z.strictObject({
  id: z.string().regex(/^sast\.custom\.[a-z0-9][a-z0-9-]*$/, { error: 'expected an id "sast.custom.<name>" (lower case, digits, dashes)' }),
  title: z.string().regex(/\S/, { error: 'expected a short title' }),
  severity: z.enum(['info', 'low', 'medium', 'high', 'critical'], { error: 'expected one of info, low, medium, high, critical' }),
  cwe: z.string().regex(/^CWE-\d+$/, { error: 'expected a CWE id such as "CWE-78"' }).optional(),
  languages: z.array(z.enum(['python', 'javascript'], { error: 'expected python or javascript (javascript covers TypeScript)' })).min(1).optional(),
  sinks: patterns.min(1, { error: 'expected at least one sink pattern' }),
  args: z.array(z.number().int().min(0, { error: 'expected an argument position from 0' })).optional(),
  sources: patterns.optional(),
  sanitizers: patterns.optional(),
  remediation: z.string().optional(),
});

export type CustomSastRuleConfig = z.infer<typeof customRule>;

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
  /** The project's own taint rules: sources, sinks and sanitizers as patterns on callee names. */
  custom: z.array(customRule).optional(),
});

export interface ScanSastConfig {
  readonly enabled?: boolean;
  readonly rules?: readonly string[];
  readonly disable?: readonly string[];
  readonly exclude?: readonly string[];
  readonly maxFileBytes?: number;
  readonly custom?: readonly CustomSastRuleConfig[];
}

export const scanSastSection: ConfigSection<typeof scanSastSchema, ScanSastConfig> = {
  schema: scanSastSchema,
  normalise: (input) => input,
};
