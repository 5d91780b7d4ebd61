import { z } from 'zod';
import { DURATION_UNITS_MS, readDuration } from '../duration.js';
import { SEVERITIES, type Severity } from '../result.js';
import type { SectionContext } from './section.js';

/** `scan.suppressions` and `scan.sla`: the remediation register's settings (docs/remediation.md). */

const DATE_MSG = 'expected a date as YYYY-MM-DD';
const isIsoDate = (s: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
// A JS/TS config may hand us a Date; YAML 1.1 readers do too.
const isoDate = z.preprocess(
  (v) => (v instanceof Date && !Number.isNaN(v.getTime()) ? v.toISOString().slice(0, 10) : v),
  z.string({ error: DATE_MSG }).refine(isIsoDate, { error: DATE_MSG }),
);
const text = (what: string) => z.string({ error: `expected ${what}` }).regex(/\S/, { error: `expected ${what}` });

/** CycloneDX 1.6 impact analysis vocabularies (`impactAnalysisState`, `impactAnalysisJustification`, `response`). */
export const ANALYSIS_STATES = ['not_affected', 'false_positive', 'exploitable', 'in_triage', 'resolved'] as const;
export const ANALYSIS_JUSTIFICATIONS = ['code_not_present', 'code_not_reachable', 'requires_configuration', 'requires_dependency', 'requires_environment', 'protected_by_compiler', 'protected_at_runtime', 'protected_at_perimeter', 'protected_by_mitigating_control'] as const;
export const ANALYSIS_RESPONSES = ['can_not_fix', 'will_not_fix', 'update', 'rollback', 'workaround_available'] as const;

const suppression = z.strictObject({
  id: text('a rule id or advisory id (e.g. "deps.GHSA-xxxx", "CVE-2021-23337", "sast.*")').optional(),
  fingerprint: text('a finding fingerprint').optional(),
  path: text('a glob on the finding\'s file').optional(),
  reason: text('a reason: why this risk is accepted'),
  owner: text('an owner: who answers for this risk'),
  expires: isoDate,
  // CycloneDX impact analysis written into the SBOM for the advisories it covers (docs/remediation.md).
  state: z.enum(ANALYSIS_STATES, { error: `expected one of ${ANALYSIS_STATES.join(', ')}` }).optional(),
  justification: z.enum(ANALYSIS_JUSTIFICATIONS, { error: `expected one of ${ANALYSIS_JUSTIFICATIONS.join(', ')}` }).optional(),
  response: z.array(z.enum(ANALYSIS_RESPONSES, { error: `expected one of ${ANALYSIS_RESPONSES.join(', ')}` })).optional(),
});

const SLA_MSG = 'expected a number of days or a string like "7d", "2w", "12h"';
const slaValue = z.union([z.number({ error: SLA_MSG }).min(0, { error: SLA_MSG }), z.string({ error: SLA_MSG }).refine((v) => readDuration(v, 'd') !== undefined, { error: SLA_MSG })], { error: SLA_MSG });

export const scanRegisterSchemas = {
  suppressions: z.array(suppression),
  sla: z.partialRecord(z.enum(SEVERITIES), slaValue),
};

export type ScanSuppression = z.output<typeof suppression>;
export type ScanSla = Readonly<Partial<Record<Severity, number>>>;

/** "7d" / "2w" / "12h" / 7 -> days (whole days, rounded up: a 12h SLA is due the next day). */
export function slaDays(v: number | string): number {
  return Math.ceil(readDuration(v, 'd')! / DURATION_UNITS_MS.d);
}

export function normaliseSla(input: Partial<Record<Severity, number | string>>): ScanSla {
  const out: Partial<Record<Severity, number>> = {};
  for (const s of SEVERITIES) if (input[s] !== undefined) out[s] = slaDays(input[s]);
  return out;
}

export function checkSuppressions(list: readonly ScanSuppression[], { at, problems }: SectionContext): void {
  list.forEach((s, i) => {
    if (s.id === undefined && s.fingerprint === undefined) problems.add([...at, i], 'a suppression needs `id` or `fingerprint` (optionally narrowed by `path`)');
    // CycloneDX asks for a justification only when the component is not affected.
    if (s.justification !== undefined && s.state !== 'not_affected') problems.add([...at, i, 'justification'], 'a justification goes with `state: not_affected`: set that state or remove the justification');
  });
}
