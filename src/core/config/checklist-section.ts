import { z } from 'zod';
import type { ConfigPath, Problems } from './problems.js';
import type { ConfigSection } from './section.js';

/** The categories a launch review uses; the checklist is keyed by them (a typo gets "did you mean"). */
export const CHECKLIST_CATEGORIES = ['Infrastructure', 'Security', 'Monitoring', 'Performance', 'Documentation'] as const;
export type ChecklistCategory = (typeof CHECKLIST_CATEGORIES)[number];

const DATE = 'expected a date as YYYY-MM-DD';
/** YAML 1.2 reads 2026-11-20 as a string; a JS/TS config may pass a Date. Both become YYYY-MM-DD. */
export const dateInput = () =>
  z.union([z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: DATE }).refine((s) => !Number.isNaN(Date.parse(s)), { error: DATE }), z.date({ error: DATE })], { error: DATE });

export const toIsoDate = (d: string | Date): string => (typeof d === 'string' ? d : d.toISOString().slice(0, 10));

// `on` was the attestation date before `date` and `expires` were required; it is accepted by the shape
// only so the rules can say exactly what to rename (instead of a bare "unknown key").
const attestation = z.strictObject({
  by: z.string().regex(/\S/, { error: 'expected who attests the item' }),
  date: dateInput().optional(),
  expires: dateInput().optional(),
  evidence: z.string().regex(/\S/).optional(),
  on: z.unknown().optional(),
});

const item = z.strictObject({
  title: z.string().regex(/\S/, { error: 'expected a short title' }),
  /** Automated: a check id, or a prefix ending in `*` ("secrets.*"), whose results decide the item. */
  check: z.string().regex(/\S/).optional(),
  /** Automated: a load threshold expression as written in load.thresholds, e.g. "p(95)<500". */
  threshold: z.string().regex(/\S/).optional(),
  /** Manual: who attested it, when, until when it holds, and optionally a link to the evidence. */
  attested: attestation.optional(),
});

export const checklistSchema = z.strictObject(Object.fromEntries(CHECKLIST_CATEGORIES.map((c) => [c, z.array(item).optional()])) as Record<ChecklistCategory, z.ZodOptional<z.ZodArray<typeof item>>>);

export interface ChecklistItem {
  readonly category: ChecklistCategory;
  readonly title: string;
  readonly check?: string;
  readonly threshold?: string;
  readonly attested?: Attestation;
}

/** A manual item's attestation; `date` and `expires` are YYYY-MM-DD (the attestation holds through `expires`). */
export interface Attestation {
  readonly by: string;
  readonly date: string;
  readonly expires: string;
  readonly evidence?: string;
}

/** Normalised: one flat list in category order, dates as YYYY-MM-DD. */
export type ChecklistConfig = readonly ChecklistItem[];

export const checklistSection: ConfigSection<typeof checklistSchema, ChecklistConfig> = {
  schema: checklistSchema,
  normalise(input, { at, problems }) {
    const out: ChecklistItem[] = [];
    for (const category of CHECKLIST_CATEGORIES) {
      (input[category] ?? []).forEach((it, i) => {
        const attested = it.attested && attestationOf(it.attested, [...at, category, i, 'attested'], problems);
        out.push({ category, title: it.title, ...(it.check ? { check: it.check } : {}), ...(it.threshold ? { threshold: it.threshold } : {}), ...(attested ? { attested } : {}) });
      });
    }
    return out;
  },
  rules(items, { at, problems }) {
    const index = new Map<string, number>();
    for (const it of items) {
      const i = index.get(it.category) ?? 0;
      index.set(it.category, i + 1);
      if (it.check !== undefined && it.threshold !== undefined) {
        problems.add([...at, it.category, i], 'an item is bound to a check or to a threshold, not both');
      }
      if ((it.check !== undefined || it.threshold !== undefined) && it.attested !== undefined) {
        problems.add([...at, it.category, i, 'attested'], 'an automated item (check/threshold) is decided by the run; remove `attested` or the binding');
      }
    }
  },
};

/**
 * Who, when and until when: all three are required, so a manual item never passes on an assertion
 * nobody signed or that never lapses. An attestation with the old `on` key gets a rename hint.
 */
function attestationOf(a: z.output<typeof attestation>, where: ConfigPath, problems: Problems): Attestation | undefined {
  let ok = true;
  if (a.on !== undefined) {
    problems.add([...where, 'on'], a.date === undefined ? 'rename `on` to `date` and add `expires` (YYYY-MM-DD): attestations now say until when they hold' : 'remove `on`: `date` replaces it');
    ok = false;
  }
  if (a.date === undefined && a.on === undefined) {
    problems.add([...where, 'date'], 'expected the date of the attestation (YYYY-MM-DD)');
    ok = false;
  }
  if (a.expires === undefined) {
    problems.add([...where, 'expires'], 'expected the date the attestation expires (YYYY-MM-DD); re-attest by then');
    ok = false;
  }
  if (!ok || a.date === undefined || a.expires === undefined) return undefined;
  const date = toIsoDate(a.date);
  const expires = toIsoDate(a.expires);
  if (expires < date) {
    problems.add([...where, 'expires'], `expires (${expires}) is before the attestation date (${date})`);
    return undefined;
  }
  return { by: a.by, date, expires, ...(a.evidence ? { evidence: a.evidence } : {}) };
}
