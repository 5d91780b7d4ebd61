import { fileURLToPath } from 'node:url';
import { buildProgram } from '../../src/cli/commands.js';
import type { Finding } from '../../src/core/result.js';
import { cliSpecFromCommander } from '../../src/cli/command-spec.js';
import { DEFAULT_CODE_LANGUAGES } from '../../src/core/config/code-languages.js';
import { reviewDocs, type DocsReviewOptions } from '../../src/docs/review.js';

export const FIXTURES = fileURLToPath(new URL('../fixtures/docs/', import.meta.url));
export const CLI_SPEC = cliSpecFromCommander(await buildProgram(() => {}));

/** Review a folder with every internal check on (shellcheck included), as `gonogo docs DIR` would. */
export async function review(root: string, over: Partial<DocsReviewOptions> = {}): Promise<Finding[]> {
  const result = await reviewDocs({
    root,
    cwd: root,
    paths: ['.'],
    exclude: [],
    code: { languages: new Set(DEFAULT_CODE_LANGUAGES), requireLanguage: true, shellcheck: true },
    structure: [],
    cli: { spec: CLI_SPEC, aliases: [] },
    versions: true,
    ...over,
  });
  return result.checks.flatMap((c) => c.findings ?? []);
}
