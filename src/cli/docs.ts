import { Command, Option } from 'commander';
import { SEVERITIES } from '../core/result.js';
import type { DocsFlags } from '../docs/options.js';
import { REPORT_FORMAT_NAMES } from '../report/format-names.js';

export interface DocsCliFlags extends DocsFlags {
  format: string;
  quiet?: boolean;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

export function registerDocs(program: Command, setCode: (c: number) => void): void {
  program
    .command('docs')
    .description('Review Markdown docs: links and anchors, code blocks, drift from the CLI and package.json, required sections')
    .argument('[paths...]', 'Markdown files and folders (default: docs.paths from the config, else the project folder)')
    .option('--external', 'also check external http(s) links (offline by default)')
    .option('--cache <dir>', 'folder for the external link cache (default .gonogo/cache)')
    .option('--max-age <age>', 'reuse cached external results younger than this, e.g. 1d, 12h (default 1d; 0 rechecks all)')
    .option('--timeout <time>', 'per-request timeout for external links (default 10s)')
    .option('--exclude <glob>', 'leave out Markdown files matching this glob (repeatable)', collect)
    .option('--exclude-url <pattern>', 'do not check external URLs matching this pattern; * matches anything (repeatable)', collect)
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity (default low)').choices([...SEVERITIES]))
    .addOption(new Option('--format <format>', 'output format').choices(REPORT_FORMAT_NAMES).default('table'))
    .option('-q, --quiet', 'no progress lines on stderr')
    .action(async (paths: string[], flags: DocsCliFlags, cmd: Command) => {
      let root: Command = cmd;
      while (root.parent) root = root.parent;
      const { runDocsCommand } = await import('./docs-action.js');
      setCode(await runDocsCommand(paths, flags, cmd.optsWithGlobals().config as string | undefined, root));
    });
}
