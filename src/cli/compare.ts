import { Command, Option } from 'commander';

export function registerCompare(program: Command, setCode: (c: number) => void): void {
  program
    .command('compare')
    .description('Compare two runs (baseline, actual): throughput, latency and error rate per scenario and endpoint, Web Vitals p75 per page, new and fixed findings')
    .argument('<runA>', 'baseline: a run folder, its report.json, a `gonogo load --out` JSON file, or a `gonogo vitals --format json` result')
    .argument('<runB>', 'actual: same forms as runA')
    .addOption(new Option('--format <format>', 'output format').choices(['terminal', 'markdown', 'json']).default('terminal'))
    .option('--noise <percent>', 'changes smaller than this are noise, not regressions (default 10)')
    .action(async (runA: string, runB: string, flags: { format: string; noise?: string }) => {
      // Loaded on use, like every command's implementation: building the command tree stays cheap.
      const { runCompare } = await import('./compare-action.js');
      setCode(await runCompare(runA, runB, flags));
    });
}
