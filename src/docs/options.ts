import path from 'node:path';
import type { DocsConfig } from '../core/config/docs-section.js';
import { UsageError } from '../core/errors.js';
import { PACKAGE } from '../core/package-info.js';
import { SEVERITIES, type Severity } from '../core/result.js';
import { parseDuration, readDuration } from '../core/duration.js';
import type { CliCommandSpec } from '../core/cli-spec.js';
import { DEFAULT_CODE_LANGUAGES } from '../core/config/code-languages.js';
import type { ExternalOptions } from './external/check-external.js';
import { loadGlossary } from './glossary.js';
import type { DocsReviewOptions } from './review.js';

/** What the command line can set; anything unset falls back to the config, then to the defaults. */
export interface DocsFlags {
  external?: boolean;
  cache?: string;
  maxAge?: string;
  exclude?: string[];
  excludeUrl?: string[];
  timeout?: string;
  failOn?: string;
}

export const DOCS_DEFAULTS = {
  concurrencyPerHost: 2,
  spacingMs: 100,
  retries: 2,
  timeoutMs: 10_000,
  cacheMaxAgeMs: 86_400_000,
  cacheDir: '.gonogo/cache',
  failOn: 'low' as Severity,
};

/** `gonogo docs` and the run part both build their options here. */
export function resolveDocsOptions(input: {
  config: DocsConfig | undefined;
  flags: DocsFlags;
  /** Paths from the command line (relative to cwd); none: config paths (relative to root), else the root. */
  args: readonly string[];
  root: string;
  cwd: string;
  cli?: CliCommandSpec;
}): { review: DocsReviewOptions; failOn: Severity } {
  const { config = {}, flags, args, root, cwd } = input;
  const failOn = flags.failOn ?? config.failOn ?? DOCS_DEFAULTS.failOn;
  if (!(SEVERITIES as readonly string[]).includes(failOn)) throw new UsageError(`unknown severity "${failOn}"`, { where: '--fail-on', hint: `use one of ${SEVERITIES.join(', ')}` });
  // Paths as the user wrote them (so errors quote them), resolved from where they were written.
  const paths = args.length > 0 ? [...args] : [...(config.paths ?? ['.'])];
  const pathsBase = args.length > 0 ? cwd : root;

  let external: ExternalOptions | undefined;
  const ext = config.external ?? {};
  if (flags.external ?? ext.enabled ?? false) {
    let maxAge = ext.cacheMaxAgeMs ?? DOCS_DEFAULTS.cacheMaxAgeMs;
    if (flags.maxAge !== undefined) {
      const ms = readDuration(flags.maxAge);
      if (ms === undefined) throw new UsageError(`invalid age "${flags.maxAge}"`, { where: '--max-age', hint: 'use an age like 1d, 12h, 90m, or 0 to ignore the cache' });
      maxAge = ms;
    }
    external = {
      concurrencyPerHost: ext.concurrencyPerHost ?? DOCS_DEFAULTS.concurrencyPerHost,
      spacingMs: ext.spacingMs ?? DOCS_DEFAULTS.spacingMs,
      concurrency: 8,
      retries: ext.retries ?? DOCS_DEFAULTS.retries,
      timeoutMs: flags.timeout !== undefined ? parseDuration(flags.timeout, '--timeout') : ext.timeoutMs ?? DOCS_DEFAULTS.timeoutMs,
      maxRetryAfterMs: 60_000,
      backoffMs: 1000,
      maxRedirects: 10,
      accept: new Set(ext.accept ?? []),
      exclude: [...(ext.exclude ?? []), ...(flags.excludeUrl ?? [])],
      cacheDir: flags.cache !== undefined ? path.resolve(cwd, flags.cache) : path.resolve(root, ext.cacheDir ?? DOCS_DEFAULTS.cacheDir),
      cacheMaxAgeMs: maxAge,
      userAgent: `${PACKAGE.name}/${PACKAGE.version} (docs link check)`,
    };
  }

  const review: DocsReviewOptions = {
    root,
    cwd: pathsBase,
    paths,
    exclude: [...(config.exclude ?? []), ...(flags.exclude ?? [])],
    code: {
      languages: new Set(config.code?.languages ?? DEFAULT_CODE_LANGUAGES),
      requireLanguage: config.code?.requireLanguage ?? true,
      shellcheck: config.code?.shellcheck ?? true,
    },
    structure: Object.entries(config.structure ?? {}).map(([glob, sections]) => ({ glob, sections })),
    cli: config.drift?.cli === false || !input.cli ? undefined : { spec: input.cli, aliases: ['dist/cli/main.js', './dist/cli/main.js'] },
    versions: config.drift?.dependencies ?? true,
    // Read here, before any file is reviewed, so a bad glossary stops the command with exit 2.
    ...(config.glossary !== undefined && { glossary: loadGlossary(root, config.glossary) }),
    external,
  };
  return { review, failOn: failOn as Severity };
}
