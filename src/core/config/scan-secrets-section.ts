import { z } from 'zod';
import { SEVERITIES, type Severity } from '../result.js';
import type { ConfigSection } from './section.js';

const regex = (what: string) =>
  z.string().min(1, { error: `expected ${what}` }).refine((s) => {
    try {
      new RegExp(s, 'gm');
      return true;
    } catch {
      return false;
    }
  }, { error: 'not a valid regular expression (JavaScript syntax); escape dots as \\.' });

/** One rule of the project's own (docs/secrets.md#custom-rules). */
const customSecretRule = z.strictObject({
  id: z.string().regex(/^secrets\.custom\.[a-z0-9][a-z0-9-]*$/, { error: 'expected an id "secrets.custom.<name>" (lower case, digits, dashes)' }),
  title: z.string().regex(/\S/, { error: 'expected a short title' }).optional(),
  /** The secret is the named group `secret`, else the first group, else the whole match. */
  regex: regex('a regular expression'),
  /** Lower-cased; the rule runs only on text containing one of them (none: on all text). */
  keywords: z.array(z.string().min(1, { error: 'expected a non-empty keyword' })).optional(),
  /** Minimum Shannon entropy of the secret, bits per character. */
  entropy: z.number().min(0, { error: 'expected 0 to 8 bits per character' }).max(8, { error: 'expected 0 to 8 bits per character' }).optional(),
  severity: z.enum(SEVERITIES, { error: 'expected one of info, low, medium, high, critical' }).optional(),
  /** Secrets matching one of these expressions are not reported (known test values). */
  allow: z.array(regex('a regular expression')).optional(),
  remediation: z.string().optional(),
});

export type CustomSecretRuleConfig = z.infer<typeof customSecretRule>;

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
  /** Ask each found credential's provider whether it is live, as `--verify` does (default false; sends the secret to its provider). */
  verify: z.boolean().optional(),
  /** The project's own rules, run with the built-in ones. */
  custom: z.array(customSecretRule).optional(),
});

export interface ScanSecretsConfig {
  readonly enabled?: boolean;
  readonly baseline?: string;
  readonly maxFileBytes?: number;
  readonly exclude?: readonly string[];
  readonly gitignore?: boolean;
  readonly failOn?: Severity;
  readonly decode?: boolean;
  readonly verify?: boolean;
  readonly custom?: readonly CustomSecretRuleConfig[];
}

export const scanSecretsSection: ConfigSection<typeof scanSecretsSchema, ScanSecretsConfig> = {
  schema: scanSecretsSchema,
  normalise: (input) => input,
};
