import type { LiveFlags } from '../live/session.js';
import { Command, Option } from 'commander';
import type { ScriptedFlags } from '../load/scripted-options.js';
import { dashboardOption, remoteWriteOption } from './live-option.js';

export interface BaselineFlags extends ScriptedFlags, LiveFlags {
  profiles?: string;
  continue?: boolean;
  format: 'table' | 'markdown' | 'json';
  out?: string;
  quiet?: boolean;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

export function registerBaseline(program: Command, setCode: (c: number) => void): void {
  program
    .command('baseline')
    .description('Health-check the target, then run load profiles in order (default smoke, load, peak, endurance) and print a summary table')
    .argument('[url]', 'target URL (default: target or load.url from the config)')
    .option('--profiles <list>', 'comma-separated profiles to run in order (default: baseline.profiles, else smoke,load,peak,endurance)')
    .option('--scenario <file>', 'scenario file each profile runs (default: baseline.scenario / load.scenario, else GET the target)', collect)
    .option('--continue', 'run every profile even after one fails')
    .option('--scale <factor>', 'shrink users and durations of every profile, e.g. 0.1 for CI')
    .option('--execution-segment <from:to>', 'run only this part of every profile\'s load, e.g. 1/3:2/3 (docs/distributed.md)')
    .option('--execution-segment-sequence <points>', 'all segments of the split run, e.g. 0,1/3,2/3,1')
    .option('--start-at <time>', 'start the first profile at this ISO-8601 time, so all segments start together')
    .option('--workers <n>', 'worker threads, or "auto" for one per core (default auto)')
    .option('--timeout <time>', 'per-request timeout (default 10s)')
    .option('-H, --header <header>', 'request header "Name: value" (repeatable)', collect)
    .option('--insecure', 'do not verify TLS certificates')
    .option('--threshold <expr>', 'extra threshold every profile must meet (repeatable)', collect)
    .addOption(new Option('--format <format>', 'summary format').choices(['table', 'markdown', 'json']).default('table'))
    .option('--out <file>', 'also write the summary in --format to this file (json includes every profile\'s full load result)')
    .option('-q, --quiet', 'no live progress')
    .option('--metrics <url>', 'scrape this Prometheus/OpenMetrics endpoint during the run (repeatable; see docs/server-metrics.md)', collect)
    .option('--metrics-interval <time>', 'how often to scrape --metrics (default 1s)')
    .option('--prometheus <base-url>', 'after the run, query_range this Prometheus over the run window (queries: load.prometheus)')
    .addOption(dashboardOption())
    .addOption(remoteWriteOption())
    .action(async (url: string | undefined, flags: BaselineFlags, cmd: Command) => {
      const { runBaseline } = await import('./baseline-action.js');
      setCode(await runBaseline(url, flags, cmd.optsWithGlobals().config as string | undefined));
    });
}
