import { z } from 'zod';
import { SEVERITIES, type Severity } from '../result.js';
import { readDuration } from '../duration.js';
import { httpUrl } from './fields.js';

import type { ConfigSection } from './section.js';

const AGE_MSG = 'expected an age like "7d", "36h", "2w" or a number of days';

/** `scan.deps`: where the OSV data is and how old it may be (docs/deps.md). */
export const scanDepsSchema = z.strictObject({
  enabled: z.boolean().optional(),
  /** OSV data: folder of <ecosystem>/all.zip, one zip, or a folder of JSON; relative to the config file. */
  db: z.string().min(1).optional(),
  /** Base URL `gonogo db update` downloads <ecosystem>/all.zip from (default: the OSV bucket). */
  dbUrl: httpUrl().optional(),
  /** Warn when the data is older than this (default 7d). */
  maxDbAge: z.union([z.string(), z.number()], { error: AGE_MSG }).refine((v) => readDuration(v, 'd') !== undefined, { error: AGE_MSG }).optional(),
  /** Severity for advisories with no CVSS vector and no database severity (default medium). */
  unscoredSeverity: z.enum(SEVERITIES).optional(),
  /** Check development-only dependencies too (default true). */
  includeDev: z.boolean().optional(),
});

export interface ScanDepsConfig {
  readonly enabled?: boolean;
  readonly db?: string;
  readonly dbUrl?: string;
  readonly maxDbAgeMs?: number;
  readonly unscoredSeverity?: Severity;
  readonly includeDev?: boolean;
}

export const scanDepsSection: ConfigSection<typeof scanDepsSchema, ScanDepsConfig> = {
  schema: scanDepsSchema,
  normalise(input) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(input)) {
      if (k === 'maxDbAge') out.maxDbAgeMs = readDuration(v as string | number, 'd');
      else out[k] = v;
    }
    return out as ScanDepsConfig;
  },
};
