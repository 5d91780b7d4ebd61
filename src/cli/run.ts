import type { LiveFlags } from '../live/session.js';
import type { Command } from 'commander';
import { PART_CATALOGUE, PART_NAMES } from '../core/part-catalogue.js';
import { programSpec } from './command-spec.js';
import { dashboardOption, remoteWriteOption } from './live-option.js';

export interface RunFlags extends LiveFlags {
  target?: string;
  strict?: boolean;
  out?: string;
  scale?: string;
  quiet?: boolean;
  loadResult?: string[];
  metrics?: string[];
  metricsInterval?: string;
  prometheus?: string;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

export function registerRun(program: Command, setCode: (c: number) => void): void {
  program
    .command('run')
    .description('Run every configured part (load, scans, probes, docs), write the reports and print READY / READY WITH WARNINGS / NOT READY')
    .option('--target <url>', 'base URL of the service under test (overrides `target` in the config)')
    .option('--strict', 'warnings fail the gate (NOT READY)')
    .option('--out <dir>', 'write the reports into this folder (default: .gonogo/runs/<timestamp>/ next to the config)')
    .option('--scale <factor>', 'shrink load durations, e.g. 0.1 for a tenth (CI)')
    .option('-q, --quiet', 'no progress lines on stderr')
    .option('--load-result <file>', 'judge this load result (e.g. from `gonogo merge --out`) instead of running the load part (repeatable)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--metrics <url>', 'scrape this Prometheus/OpenMetrics endpoint during the load part (repeatable; overrides load.metrics)', collect)
    .option('--metrics-interval <time>', 'how often to scrape --metrics (default 1s)')
    .option('--prometheus <base-url>', 'after the load part, query_range this Prometheus over its window (overrides load.prometheus.url)')
    .addOption(dashboardOption())
    .addOption(remoteWriteOption())
    .addHelpText('after', partsHelp())
    .action(async (flags: RunFlags, cmd: Command) => {
      const { runRunCommand } = await import('./run-action.js');
      setCode(await runRunCommand(flags, cmd.optsWithGlobals().config as string | undefined, programSpec(cmd)));
    });
}

/** The parts, from the catalogue: what each checks, which config section turns it on, and its own command. */
function partsHelp(): string {
  const width = Math.max(...PART_NAMES.map((n) => n.length));
  const rows = PART_NAMES.map((n) => {
    const p = PART_CATALOGUE[n];
    return `  ${n.padEnd(width)}  ${p.summary} (config ${p.section}; alone: ${p.command})`;
  });
  return `\nParts, in run order (skipped, with the reason, when the config does not set them up):\n${rows.join('\n')}\n`;
}
