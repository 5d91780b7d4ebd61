import { z } from 'zod';
import { parseObjectPath } from '../object-path.js';
import { regexSource } from './fields.js';
import type { ConfigSection } from './section.js';

const ruleList = z.array(z.string().min(1, { error: 'expected a rule id such as "iac.k8s-privileged"' }));

const regex = regexSource();

const scalar = z.union([z.string(), z.number(), z.boolean()]);

/** When a custom rule flags: exactly one condition on the value(s) at `path` (docs/iac.md#custom-rules). */
const flagWhen = z
  .strictObject({
    equals: z.union([scalar, z.array(scalar).min(1)]).optional(),
    matches: regex.optional(),
    missing: z.literal(true, { error: 'expected true' }).optional(),
    present: z.literal(true, { error: 'expected true' }).optional(),
  })
  .refine((f) => Object.values(f).filter((v) => v !== undefined).length === 1, { error: 'expected exactly one of equals, matches, missing, present' });

/** A dotted path with `[*]` or `[n]` on lists: `spec.template.spec.containers[*].image`. */
const pathSpec = z.string().refine((s) => parseObjectPath(s) !== undefined, {
  error: 'expected a dotted path such as "spec.template.spec.containers[*].image" (quote keys with dots: annotations["a.b/c"])',
});

/** One custom IaC rule: a condition on a Kubernetes object, a compose service or a Dockerfile instruction. */
const customRule = z
  .strictObject({
    id: z.string().regex(/^iac\.custom\.[a-z0-9][a-z0-9-]*$/, { error: 'expected an id "iac.custom.<name>" (lower case, digits, dashes)' }),
    title: z.string().regex(/\S/, { error: 'expected a short title' }),
    severity: z.enum(['info', 'low', 'medium', 'high', 'critical'], { error: 'expected one of info, low, medium, high, critical' }),
    cwe: z.string().regex(/^CWE-\d+$/, { error: 'expected a CWE id such as "CWE-250"' }).optional(),
    file: z.enum(['k8s', 'compose', 'dockerfile'], { error: 'expected k8s, compose or dockerfile' }),
    /** k8s only: the object kinds the rule applies to (default every kind). */
    objects: z.array(z.string().min(1)).min(1).optional(),
    /** k8s and compose: where to look (from the object's root, or from the service). */
    path: pathSpec.optional(),
    /** dockerfile only: the instruction whose arguments are tested (RUN, FROM, USER, ...). */
    instruction: z.string().regex(/^[A-Za-z]+$/, { error: 'expected a Dockerfile instruction such as RUN' }).optional(),
    flag: flagWhen,
    remediation: z.string().optional(),
  })
  .superRefine((r, ctx) => {
    if (r.file === 'dockerfile') {
      if (!r.instruction) ctx.addIssue({ code: 'custom', path: ['instruction'], message: 'a dockerfile rule needs "instruction" (RUN, FROM, USER, ...)' });
      if (r.path) ctx.addIssue({ code: 'custom', path: ['path'], message: 'a dockerfile rule tests an instruction, not a path: remove "path"' });
      if (r.flag.equals !== undefined) ctx.addIssue({ code: 'custom', path: ['flag', 'equals'], message: 'a dockerfile rule uses matches, missing or present' });
    } else {
      if (!r.path) ctx.addIssue({ code: 'custom', path: ['path'], message: `a ${r.file} rule needs "path" (for example spec.type)` });
      if (r.instruction) ctx.addIssue({ code: 'custom', path: ['instruction'], message: 'only dockerfile rules take "instruction"' });
    }
    if (r.objects && r.file !== 'k8s') ctx.addIssue({ code: 'custom', path: ['objects'], message: 'only k8s rules take "objects"' });
  });

export type CustomIacRuleConfig = z.infer<typeof customRule>;

/** `scan.iac`: Dockerfiles, docker-compose files and Kubernetes manifests (docs/iac.md). */
export const scanIacSchema = z.strictObject({
  enabled: z.boolean().optional(),
  /** Run only these rules (ids with or without the "iac." prefix). */
  rules: ruleList.optional(),
  /** Never run these rules. */
  disable: ruleList.optional(),
  /** Extra gitignore-style patterns skipped by this scanner only (added to scan.exclude). */
  exclude: z.array(z.string()).optional(),
  /** The project's own rules: conditions on manifests, compose services and Dockerfile instructions. */
  custom: z.array(customRule).optional(),
});

export interface ScanIacConfig {
  readonly enabled?: boolean;
  readonly rules?: readonly string[];
  readonly disable?: readonly string[];
  readonly exclude?: readonly string[];
  readonly custom?: readonly CustomIacRuleConfig[];
}

export const scanIacSection: ConfigSection<typeof scanIacSchema, ScanIacConfig> = {
  schema: scanIacSchema,
  normalise: (input) => input,
};
