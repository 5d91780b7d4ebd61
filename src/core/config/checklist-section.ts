import { z } from 'zod';
import type { ConfigSection } from './section.js';

/** The categories a launch review uses; the checklist is keyed by them (a typo gets "did you mean"). */
export const CHECKLIST_CATEGORIES = ['Infrastructure', 'Security', 'Monitoring', 'Performance', 'Documentation'] as const;
export type ChecklistCategory = (typeof CHECKLIST_CATEGORIES)[number];

const DATE = 'expected a date as YYYY-MM-DD';
/** YAML 1.2 reads 2026-11-20 as a string; a JS/TS config may pass a Date. Both become YYYY-MM-DD. */
export const dateInput = () =>
  z.union([z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: DATE }).refine((s) => !Number.isNaN(Date.parse(s)), { error: DATE }), z.date({ error: DATE })], { error: DATE });

export const toIsoDate = (d: string | Date): string => (typeof d === 'string' ? d : d.toISOString().slice(0, 10));

const attestation = z.strictObject({
  by: z.string().regex(/\S/, { error: 'expected who attests the item' }),
  on: dateInput(),
  evidence: z.string().regex(/\S/).optional(),
});

const item = z.strictObject({
  title: z.string().regex(/\S/, { error: 'expected a short title' }),
  /** Automated: a check id, or a prefix ending in `*` ("secrets.*"), whose results decide the item. */
  check: z.string().regex(/\S/).optional(),
  /** Automated: a load threshold expression as written in load.thresholds, e.g. "p(95)<500". */
  threshold: z.string().regex(/\S/).optional(),
  /** Manual: who attested it, when, and optionally a link to the evidence. */
  attested: attestation.optional(),
});

export const checklistSchema = z.strictObject(Object.fromEntries(CHECKLIST_CATEGORIES.map((c) => [c, z.array(item).optional()])) as Record<ChecklistCategory, z.ZodOptional<z.ZodArray<typeof item>>>);

export interface ChecklistItem {
  readonly category: ChecklistCategory;
  readonly title: string;
  readonly check?: string;
  readonly threshold?: string;
  readonly attested?: { readonly by: string; readonly on: string; readonly evidence?: string };
}

/** Normalised: one flat list in category order, dates as YYYY-MM-DD. */
export type ChecklistConfig = readonly ChecklistItem[];

export const checklistSection: ConfigSection<typeof checklistSchema, ChecklistConfig> = {
  schema: checklistSchema,
  normalise(input) {
    const out: ChecklistItem[] = [];
    for (const category of CHECKLIST_CATEGORIES) {
      for (const it of input[category] ?? []) {
        const attested = it.attested && { by: it.attested.by, on: toIsoDate(it.attested.on), ...(it.attested.evidence ? { evidence: it.attested.evidence } : {}) };
        out.push({ category, title: it.title, ...(it.check ? { check: it.check } : {}), ...(it.threshold ? { threshold: it.threshold } : {}), ...(attested ? { attested } : {}) });
      }
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
