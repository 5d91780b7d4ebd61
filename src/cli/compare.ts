import { Command, Option } from 'commander';
import { UsageError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { compareRuns, DEFAULT_COMPARE } from '../report/compare/compare.js';
import { renderCompareMarkdown, renderCompareTerminal } from '../report/compare/render.js';
import { readSnapshot } from '../report/compare/snapshot.js';
import { stringifyJson } from '../report/json-text.js';

export function registerCompare(program: Command, setCode: (c: number) => void): void {
  program
    .command('compare')
    .description('Compare two runs (baseline, actual): throughput, latency and error rate per scenario and endpoint, new and fixed findings')
    .argument('<runA>', 'baseline: a run folder, its report.json, or a `gonogo load --out` JSON file')
    .argument('<runB>', 'actual: same forms as runA')
    .addOption(new Option('--format <format>', 'output format').choices(['terminal', 'markdown', 'json']).default('terminal'))
    .option('--noise <percent>', 'changes smaller than this are noise, not regressions (default 10)')
    .action(async (runA: string, runB: string, flags: { format: string; noise?: string }) => {
      const noisePct = flags.noise === undefined ? DEFAULT_COMPARE.noisePct : Number(flags.noise);
      if (!Number.isFinite(noisePct) || noisePct < 0) throw new UsageError(`--noise must be a percentage >= 0, got "${flags.noise}"`, { where: '--noise', hint: 'for example --noise 5' });
      const cwd = process.cwd();
      const [a, b] = await Promise.all([readSnapshot(runA, cwd, '<runA>'), readSnapshot(runB, cwd, '<runB>')]);
      const result = compareRuns(a, b, { ...DEFAULT_COMPARE, noisePct });
      const text = flags.format === 'json' ? stringifyJson(result) : flags.format === 'markdown' ? renderCompareMarkdown(result) : renderCompareTerminal(result);
      process.stdout.write(text);
      // A regression or a new finding fails the comparison, so CI can gate on it.
      setCode(result.regressions > 0 || result.findings.new.length > 0 ? ExitCode.GateFailed : ExitCode.Ok);
    });
}
