import { z } from 'zod';
import { SEVERITIES, type Severity } from '../result.js';
import { scanDepsSection, type ScanDepsConfig } from './scan-deps-section.js';
import { scanIacSection, type ScanIacConfig } from './scan-iac-section.js';
import { scanImageSection, type ScanImageConfig } from './scan-image-section.js';
import { scanSastSection, type ScanSastConfig } from './scan-sast-section.js';
import { scanSecretsSection, type ScanSecretsConfig } from './scan-secrets-section.js';
import type { ConfigSection } from './section.js';
import { scanRegisterSchemas, checkSuppressions, normaliseSla, type ScanSla, type ScanSuppression } from './scan-register-keys.js';

/** `scan`: shared settings plus one sub-section per scanner, each owned by its scanner's file. */
const SCANNERS = { secrets: scanSecretsSection, deps: scanDepsSection, sast: scanSastSection, iac: scanIacSection, image: scanImageSection } as const;

export const scanSchema = z.strictObject({
  /** Folder to scan, relative to the config file (default: the config file's folder). */
  path: z.string().min(1).optional(),
  /** Extra gitignore-style patterns to skip in every scanner. */
  exclude: z.array(z.string()).optional(),
  /** Findings at or above this severity fail the gate (default high). */
  failOn: z.enum(SEVERITIES).optional(),
  /** Accepted risks: each with id/fingerprint/path, reason, owner and expiry (docs/remediation.md). */
  suppressions: scanRegisterSchemas.suppressions.optional(),
  /** Days to fix per severity (default critical 1d, high 7d, medium 30d). */
  sla: scanRegisterSchemas.sla.optional(),
  /** JSON file recording when each finding was first seen (due dates count from then); relative to the config file. */
  register: z.string().min(1).optional(),
  /** Folder of custom-rule files (sast:, iac: lists), relative to the config file; read when the config loads. */
  rulesDir: z.string().min(1).optional(),
  secrets: scanSecretsSection.schema.optional(),
  deps: scanDepsSection.schema.optional(),
  sast: scanSastSection.schema.optional(),
  iac: scanIacSection.schema.optional(),
  image: scanImageSection.schema.optional(),
});

export interface ScanConfig {
  readonly path?: string;
  readonly exclude?: readonly string[];
  readonly failOn?: Severity;
  readonly suppressions?: readonly ScanSuppression[];
  /** Days per severity, already converted from "7d"-style input. */
  readonly sla?: ScanSla;
  readonly register?: string;
  readonly rulesDir?: string;
  readonly secrets?: ScanSecretsConfig;
  readonly deps?: ScanDepsConfig;
  readonly sast?: ScanSastConfig;
  readonly iac?: ScanIacConfig;
  readonly image?: ScanImageConfig;
}

export const scanSection: ConfigSection<typeof scanSchema, ScanConfig> = {
  schema: scanSchema,
  normalise(input, ctx) {
    const out: Record<string, unknown> = { path: input.path, exclude: input.exclude, failOn: input.failOn, suppressions: input.suppressions, sla: input.sla && normaliseSla(input.sla), register: input.register, rulesDir: input.rulesDir };
    for (const [key, sub] of Object.entries(SCANNERS)) {
      const value = input[key as keyof typeof SCANNERS];
      // Each scanner's normalise sees its own input and its own path for problems.
      if (value !== undefined) out[key] = (sub.normalise as (i: unknown, c: typeof ctx) => unknown)(value, { ...ctx, at: [...ctx.at, key] });
    }
    for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
    return out as ScanConfig;
  },
  rules(section, ctx) {
    if (section.suppressions) checkSuppressions(section.suppressions, { ...ctx, at: [...ctx.at, 'suppressions'] });
    for (const [key, sub] of Object.entries(SCANNERS)) {
      const value = section[key as keyof typeof SCANNERS];
      if (value !== undefined && sub.rules) (sub.rules as (s: unknown, c: typeof ctx) => void)(value, { ...ctx, at: [...ctx.at, key] });
    }
  },
};
