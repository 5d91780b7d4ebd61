import type { Part } from '../run/part.js';
import { cliSpecFromCommander } from './cli-spec.js';
import { resolveDocsOptions } from './options.js';
import { reviewDocs } from './review.js';

/** The docs review in `gonogo run`: the `docs` section, from the config file's folder. */
export const docsPart: Part = {
  name: 'docs',
  title: 'Documentation review',
  skipReason(config) {
    return config.docs ? undefined : 'no `docs` section in the config';
  },
  async run(ctx) {
    // The drift check needs the CLI's command tree; loaded here so `gonogo docs` alone never imports run.
    const { buildProgram } = await import('../cli/program.js');
    const { review } = resolveDocsOptions({ config: ctx.config.docs, flags: {}, args: [], root: ctx.root, cwd: ctx.root, cli: cliSpecFromCommander(buildProgram(() => {})) });
    const result = await reviewDocs({ ...review, signal: ctx.signal, log: ctx.log });
    ctx.log(`docs: ${result.files.length} Markdown file${result.files.length === 1 ? '' : 's'} reviewed`);
    return { checks: result.checks };
  },
};
