import { z } from 'zod';
import { CODE_LANGUAGES, type CodeLanguage } from './code-languages.js';
import { SEVERITIES, type Severity } from '../result.js';
import { readDuration } from '../duration.js';
import { durationInput, nonNegativeInt, positiveInt, toMs } from './fields.js';
import type { ConfigSection } from './section.js';

const AGE = 'expected an age like "1d", "12h", "90m" or a number of seconds';
const age = () => z.union([z.string(), z.number()], { error: AGE }).refine((v) => readDuration(v) !== undefined, { error: AGE });
const STATUS = 'expected an HTTP status code (100-599)';

const externalSchema = z.strictObject({
  /** Check external links in `gonogo run` too (the CLI's --external). */
  enabled: z.boolean().optional(),
  /** Statuses that count as working besides 2xx, e.g. 403 for sites that refuse robots. */
  accept: z.array(z.int({ error: STATUS }).min(100, { error: STATUS }).max(599, { error: STATUS })).optional(),
  /** URL patterns not to check (`*` matches anything; no `*`: a prefix). */
  exclude: z.array(z.string().min(1)).optional(),
  concurrencyPerHost: positiveInt().optional(),
  spacing: durationInput().optional(),
  retries: nonNegativeInt().optional(),
  timeout: durationInput({ positive: true }).optional(),
  cacheDir: z.string().min(1).optional(),
  cacheMaxAge: age().optional(),
});

export const docsSchema = z.strictObject({
  /** Markdown files and folders to review, relative to the config file (default: README.md and docs/ when present, else the folder). */
  paths: z.array(z.string().min(1)).optional(),
  /** Globs (relative to the config file's folder) of Markdown files to leave out. */
  exclude: z.array(z.string().min(1)).optional(),
  /** Findings at or above this severity fail the gate (default low: any finding). */
  failOn: z.enum(SEVERITIES).optional(),
  external: externalSchema.optional(),
  code: z
    .strictObject({
      languages: z.array(z.enum(Object.keys(CODE_LANGUAGES) as [CodeLanguage, ...CodeLanguage[]])).optional(),
      requireLanguage: z.boolean().optional(),
      shellcheck: z.boolean().optional(),
    })
    .optional(),
  /** Glob -> headings each matching file must have, in this order. */
  structure: z.record(z.string().min(1), z.array(z.string().min(1)).min(1, { error: 'expected at least one section name' })).optional(),
  drift: z.strictObject({ cli: z.boolean().optional(), dependencies: z.boolean().optional() }).optional(),
  /** A YAML glossary (relative to the config file) for the terminology check. */
  glossary: z.string().min(1).optional(),
});

export interface DocsExternalConfig {
  readonly enabled?: boolean;
  readonly accept?: readonly number[];
  readonly exclude?: readonly string[];
  readonly concurrencyPerHost?: number;
  readonly spacingMs?: number;
  readonly retries?: number;
  readonly timeoutMs?: number;
  readonly cacheDir?: string;
  readonly cacheMaxAgeMs?: number;
}

export interface DocsConfig {
  readonly paths?: readonly string[];
  readonly exclude?: readonly string[];
  readonly failOn?: Severity;
  readonly external?: DocsExternalConfig;
  readonly code?: { readonly languages?: readonly CodeLanguage[]; readonly requireLanguage?: boolean; readonly shellcheck?: boolean };
  readonly structure?: Readonly<Record<string, readonly string[]>>;
  readonly drift?: { readonly cli?: boolean; readonly dependencies?: boolean };
  readonly glossary?: string;
}

export const docsSection: ConfigSection<typeof docsSchema, DocsConfig> = {
  schema: docsSchema,
  normalise(input) {
    const { external, ...rest } = input;
    if (!external) return rest;
    const { spacing, timeout, cacheMaxAge, ...ext } = external;
    return {
      ...rest,
      external: {
        ...ext,
        ...(spacing !== undefined && { spacingMs: toMs(spacing) }),
        ...(timeout !== undefined && { timeoutMs: toMs(timeout) }),
        ...(cacheMaxAge !== undefined && { cacheMaxAgeMs: readDuration(cacheMaxAge) }),
      },
    };
  },
};
