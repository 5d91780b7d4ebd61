import type { LiveFlags } from '../live/session.js';
import type { Command } from 'commander';
import type { CapacityFlags } from '../load/capacity/options.js';
import { dashboardOption, remoteWriteOption } from './live-option.js';

export interface CapacityCliFlags extends CapacityFlags, LiveFlags {
  out?: string;
  quiet?: boolean;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

export function registerCapacity(program: Command, setCode: (c: number) => void): void {
  program
    .command('capacity')
    .description('Find the highest arrival rate that meets every threshold (open-model ramp, then bisect; docs/capacity.md)')
    .argument('[url]', 'target URL (default: load.url or target from the config)')
    .option('--scenario <file>', 'send this scenario file\'s iterations at each step\'s rate instead of one request')
    .option('--threshold <expr>', 'threshold every step must meet, e.g. "p(95)<500" (repeatable; default: the config\'s, else p(95)<500 and rate<0.01)', collect)
    .option('--metrics <url>', 'Prometheus /metrics endpoint of the target, scraped during each step to name the bottleneck (repeatable; docs/server-metrics.md)', collect)
    .option('--metrics-interval <time>', 'how often to scrape --metrics (default 1s)')
    .option('--start-rate <rps>', 'first rate tried, requests per second (default 10)')
    .option('--max-rate <rps>', 'highest rate tried (default 10000)')
    .option('--step-duration <time>', 'how long each rate is held (default 10s, at least 2s)')
    .option('--time-limit <time>', 'stop starting steps after this long; the result covers the steps run (default 5m)')
    .option('-c, --connections <n>', 'most connections open at once per step (default 50)')
    .option('-m, --method <method>', 'HTTP method (default GET)')
    .option('-H, --header <header>', 'request header "Name: value" (repeatable)', collect)
    .option('-b, --body <body>', 'request body')
    .option('--workers <n>', 'worker threads, or "auto" for one per core (default auto)')
    .option('--timeout <time>', 'per-request timeout (default 10s)')
    .option('--insecure', 'do not verify TLS certificates')
    .option('--out <file>', 'write the result as JSON (schema gonogo/capacity-result@1); "-" for stdout')
    .option('-q, --quiet', 'no line per step')
    .addOption(dashboardOption())
    .addOption(remoteWriteOption())
    .action(async (url: string | undefined, flags: CapacityCliFlags, cmd: Command) => {
      const { runCapacityCommand } = await import('./capacity-action.js');
      setCode(await runCapacityCommand(url, flags, cmd.optsWithGlobals().config as string | undefined));
    });
}
