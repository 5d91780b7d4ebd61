import { z } from 'zod';
import { dateInput, toIsoDate } from './checklist-section.js';
import { PART_NAMES, type PartName } from '../part-catalogue.js';
import { nonNegativeInt } from './fields.js';
import type { ConfigSection } from './section.js';

const acceptance = z.strictObject({
  /** The finding's fingerprint (from report.json), or a rule id to accept every finding of that rule. */
  fingerprint: z.string().regex(/\S/).optional(),
  ruleId: z.string().regex(/\S/).optional(),
  owner: z.string().regex(/\S/, { error: 'expected the owner of the accepted risk' }),
  expires: dateInput(),
  reason: z.string().optional(),
});

/** `policy`: what the verdict requires; every key has a default (docs/verdict.md). */
export const policySchema = z.strictObject({
  /** Most critical findings a READY service may have (default 0). */
  maxCritical: nonNegativeInt().optional(),
  /** Most exposed secrets (secrets.* findings of any severity) a READY service may have (default 0). */
  maxSecrets: nonNegativeInt().optional(),
  /** High findings: "block" unless accepted (default), "warn", or "ignore". */
  high: z.enum(['block', 'warn', 'ignore']).optional(),
  /** A failed performance threshold: "block" (default) or "warn". */
  thresholds: z.enum(['block', 'warn']).optional(),
  /** Any other failed check: "block" (default) or "warn". */
  failedChecks: z.enum(['block', 'warn']).optional(),
  /** Older spelling of `verdict.require`: parts whose area must be covered (default none); both lists are honoured. */
  requireParts: z.array(z.enum(PART_NAMES)).optional(),
  /** Accepted risks: high findings with an owner and an expiry date. */
  accept: z.array(acceptance).optional(),
});

export interface Acceptance {
  readonly fingerprint?: string;
  readonly ruleId?: string;
  readonly owner: string;
  /** YYYY-MM-DD; the acceptance holds through that day (UTC). */
  readonly expires: string;
  readonly reason?: string;
}

export interface PolicyConfig {
  readonly maxCritical?: number;
  readonly maxSecrets?: number;
  readonly high?: 'block' | 'warn' | 'ignore';
  readonly thresholds?: 'block' | 'warn';
  readonly failedChecks?: 'block' | 'warn';
  readonly requireParts?: readonly PartName[];
  readonly accept?: readonly Acceptance[];
}

export const policySection: ConfigSection<typeof policySchema, PolicyConfig> = {
  schema: policySchema,
  normalise(input) {
    const out: Record<string, unknown> = { ...input };
    if (input.accept) out.accept = input.accept.map((a) => ({ ...a, expires: toIsoDate(a.expires) }));
    return out as PolicyConfig;
  },
  rules(policy, { at, problems }) {
    (policy.accept ?? []).forEach((a, i) => {
      if ((a.fingerprint === undefined) === (a.ruleId === undefined)) problems.add([...at, 'accept', i], 'give exactly one of `fingerprint` or `ruleId`');
    });
  },
};
