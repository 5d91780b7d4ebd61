import { z } from 'zod';
import type { ConfigSection } from './section.js';

const ruleList = z.array(z.string().min(1, { error: 'expected a rule id such as "iac.k8s-privileged"' }));

/** `scan.iac`: Dockerfiles, docker-compose files and Kubernetes manifests (docs/iac.md). */
export const scanIacSchema = z.strictObject({
  enabled: z.boolean().optional(),
  /** Run only these rules (ids with or without the "iac." prefix). */
  rules: ruleList.optional(),
  /** Never run these rules. */
  disable: ruleList.optional(),
  /** Extra gitignore-style patterns skipped by this scanner only (added to scan.exclude). */
  exclude: z.array(z.string()).optional(),
});

export interface ScanIacConfig {
  readonly enabled?: boolean;
  readonly rules?: readonly string[];
  readonly disable?: readonly string[];
  readonly exclude?: readonly string[];
}

export const scanIacSection: ConfigSection<typeof scanIacSchema, ScanIacConfig> = {
  schema: scanIacSchema,
  normalise: (input) => input,
};
