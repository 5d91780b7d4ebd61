import path from 'node:path';
import { Command, Option } from 'commander';
import { loadConfig } from '../core/config/load.js';
import { ExitCode } from '../core/exit-codes.js';
import { PACKAGE } from '../core/package-info.js';
import { SEVERITIES, allFindings, atOrAbove, type Report } from '../core/result.js';
import { cliSpecFromCommander } from '../docs/cli-spec.js';
import type { DocsFlags } from '../docs/options.js';
import { REPORTERS, getReporter } from '../report/registry.js';

interface DocsCliFlags extends DocsFlags {
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
    .addOption(new Option('--format <format>', 'output format').choices(Object.keys(REPORTERS)).default('table'))
    .option('-q, --quiet', 'no progress lines on stderr')
    .action(async (paths: string[], flags: DocsCliFlags, cmd: Command) => {
      let root: Command = cmd;
      while (root.parent) root = root.parent;
      setCode(await runDocsCommand(paths, flags, cmd.optsWithGlobals().config as string | undefined, root));
    });
}

async function runDocsCommand(paths: string[], flags: DocsCliFlags, configPath: string | undefined, program: Command): Promise<number> {
  // Loaded on use, so other commands never pay for the Markdown parser.
  const [{ resolveDocsOptions }, { reviewDocs }] = await Promise.all([import('../docs/options.js'), import('../docs/review.js')]);
  const cwd = process.cwd();
  const { config, file } = await loadConfig({ cwd, configPath });
  const root = file ? path.dirname(file) : cwd;
  const { review, failOn } = resolveDocsOptions({ config: config.docs, flags, args: paths, root, cwd, cli: cliSpecFromCommander(program) });
  const log = flags.quiet ? undefined : (line: string) => process.stderr.write(`${line}\n`);
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const startedAt = new Date().toISOString();
  let result;
  try {
    result = await reviewDocs({ ...review, log, signal: controller.signal });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  const report: Report = { tool: { name: 'gonogo', version: PACKAGE.version }, command: 'docs', startedAt, finishedAt: new Date().toISOString(), checks: result.checks };
  const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
  process.stdout.write(getReporter(flags.format)(report, { color, width: process.stdout.columns, configFile: file ? path.relative(root, file) : undefined }));
  if (controller.signal.aborted) return ExitCode.Unreachable;
  return allFindings(report).some((f) => atOrAbove(f.severity, failOn)) ? ExitCode.GateFailed : ExitCode.Ok;
}
