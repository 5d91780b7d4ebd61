import { PART_CATALOGUE } from '../core/part-catalogue.js';
import type { Part } from '../core/part.js';
import { resolveDocsOptions } from './options.js';
import { reviewDocs } from './review.js';

/** The docs review in `gonogo run`: the `docs` section, from the config file's folder. */
export const docsPart: Part = {
  name: 'docs',
  title: PART_CATALOGUE.docs.title,
  skipReason(config) {
    return config.docs ? undefined : 'no `docs` section in the config';
  },
  async run(ctx) {
    // The drift check compares the docs with the CLI's command tree, which the CLI layer hands in.
    const { review } = resolveDocsOptions({ config: ctx.config.docs, flags: {}, args: [], root: ctx.root, cwd: ctx.root, cli: ctx.cliSpec?.() });
    const result = await reviewDocs({ ...review, signal: ctx.signal, log: ctx.log });
    ctx.log(`docs: ${result.files.length} Markdown file${result.files.length === 1 ? '' : 's'} reviewed`);
    return { checks: result.checks };
  },
};
