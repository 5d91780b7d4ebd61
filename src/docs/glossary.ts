import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { parseDataConfig } from '../core/config/read.js';
import { formatProblem, issuesToProblems, zodMessages } from '../core/config/issues.js';
import { ConfigError } from '../core/errors.js';

/** A phrase: words separated by single spaces, no leading/trailing space (what whole-word matching needs). */
const phrase = () =>
  z
    .string({ error: 'expected a word or phrase' })
    .trim()
    .min(1, { error: 'expected a non-empty word or phrase', abort: true })
    .refine((s) => /[\p{L}\p{N}]/u.test(s), { error: 'expected a word or phrase with at least one letter or digit' });

const termSchema = z
  .strictObject({
    /** The spelling the docs should use. */
    preferred: phrase(),
    /** Spellings to flag (matched whole-word, case-insensitively). */
    variants: z.array(phrase()).min(1, { error: 'expected at least one variant' }),
  })
  .superRefine((t, ctx) => {
    for (const [i, v] of t.variants.entries()) {
      if (v.toLowerCase() === t.preferred.toLowerCase()) ctx.addIssue({ code: 'custom', message: `"${v}" differs from "${t.preferred}" only in case: list the name under casing instead`, path: ['variants', i] });
    }
  });

const bannedSchema = z.strictObject({
  term: phrase(),
  /** What to write instead; optional (some terms should just go). */
  replacement: phrase().optional(),
  /** Why it is banned, shown in the finding. */
  reason: z.string().min(1).optional(),
});

/** The glossary file `docs.glossary` names; docs/docs-review.md documents it (a test keeps them in step). */
export const glossarySchema = z.strictObject({
  terms: z.array(termSchema).optional(),
  banned: z.array(bannedSchema).optional(),
  /** Names in their one right case: GitHub, JavaScript, npm. */
  casing: z.array(phrase()).optional(),
});

export type Glossary = z.infer<typeof glossarySchema>;

export interface LoadedGlossary extends Glossary {
  /** The file as the config names it, for evidence lines. */
  file: string;
}

/**
 * Read and validate the glossary (`rel` is relative to the project root). A missing, unparsable or
 * invalid file is a config mistake: a ConfigError (exit 2) naming the file, the line and the path in it.
 */
export function loadGlossary(root: string, rel: string): LoadedGlossary {
  let text: string;
  try {
    text = readFileSync(path.resolve(root, rel), 'utf8');
  } catch (err) {
    throw new ConfigError('GONOGO_CONFIG_INVALID', `cannot read the glossary ${rel}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, {
      where: 'docs.glossary',
      hint: 'docs.glossary is relative to the config file',
    });
  }
  const { raw, positions } = parseDataConfig(text, rel);
  const parsed = glossarySchema.safeParse(raw ?? {}, { error: zodMessages });
  if (!parsed.success) {
    const problems = issuesToProblems(parsed.error.issues, raw, glossarySchema);
    const n = problems.length;
    throw new ConfigError('GONOGO_CONFIG_INVALID', `${n} problem${n === 1 ? '' : 's'} in the glossary ${rel}`, {
      where: rel,
      details: problems.map((p) => formatProblem(p, positions?.(p.path))),
      hint: 'see "Terminology" in docs/docs-review.md',
    });
  }
  return { ...parsed.data, file: rel };
}
