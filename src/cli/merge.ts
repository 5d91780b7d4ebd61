import { Command, Option } from 'commander';
import { REPORT_FORMAT_NAMES } from '../report/format-names.js';

export interface MergeFlags {
  threshold?: string[];
  out?: string;
  format: string;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

export function registerMerge(program: Command, setCode: (c: number) => void): void {
  program
    .command('merge')
    .description('Merge the results of the execution segments of one split load run into one result, exactly (docs/distributed.md)')
    .argument('<result...>', 'the `gonogo load --out` JSON files, one per segment')
    .option('--threshold <expr>', 'SLA threshold judged on the merged run (repeatable; default: the thresholds the segments ran with)', collect)
    .option('--out <file>', 'write the merged result as JSON (schema gonogo/load-result@1); "-" for stdout')
    .addOption(new Option('--format <format>', 'what to print: the load summary, or a report format').choices(['summary', ...REPORT_FORMAT_NAMES]).default('summary'))
    .action(async (files: string[], flags: MergeFlags) => {
      const { runMerge } = await import('./merge-action.js');
      setCode(await runMerge(files, flags));
    });
}
