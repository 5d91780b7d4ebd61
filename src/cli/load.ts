import type { LiveFlags } from '../live/session.js';
import { Command, Option } from 'commander';
import { REPORT_FORMAT_NAMES } from '../report/format-names.js';
import type { ScriptedFlags } from '../load/scripted-options.js';
import { dashboardOption, remoteWriteOption } from './live-option.js';
import type { LoadVitalsFlags } from './load-vitals.js';

export interface LoadCliFlags extends ScriptedFlags, LiveFlags, LoadVitalsFlags {
  bodyFile?: string;
  out?: string;
  csv?: string;
  format: string;
  quiet?: boolean;
  breakingPoint?: boolean;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

export function registerLoad(program: Command, setCode: (c: number) => void): void {
  program
    .command('load')
    .description('Load-test an HTTP endpoint (closed model with -c, open model with -R) and check SLA thresholds')
    .argument('[url]', 'target URL (default: load.url or target from the config)')
    .option('-c, --connections <n>', 'concurrent connections', undefined)
    .option('-d, --duration <time>', 'how long to send, e.g. 30s, 2m (default 10s)')
    .option('-R, --rate <rps>', 'open model: send this many requests per second on a fixed schedule')
    .option('-m, --method <method>', 'HTTP method (default GET)')
    .option('-H, --header <header>', 'request header "Name: value" (repeatable)', collect)
    .option('-b, --body <body>', 'request body')
    .option('--body-file <path>', 'request body read from a file')
    .option('--workers <n>', 'worker threads, or "auto" for one per core (default auto)')
    .option('--timeout <time>', 'per-request timeout (default 10s)')
    .option('--insecure', 'do not verify TLS certificates')
    .option('--http2', 'force HTTP/2 (h2 over https, h2c over http); default: HTTP/2 when the server offers it over TLS')
    .option('--http1', 'force HTTP/1.1')
    .option('--sse', 'the endpoint streams server-sent events: time the first event (time to first token) and the gaps between events')
    .option('--stream <kind>', 'time a streamed body\'s events: sse (server-sent events) or ndjson (JSON lines)')
    .option('--max-event-size <bytes>', 'the largest streamed event accepted; a larger one is a stream error (default 1048576)')
    .option('--streams <n>', 'HTTP/2: requests in flight per connection (default 1; concurrency is connections x streams)')
    .option('--max-redirects <n>', 'follow up to n redirects within the same origin (default 0: record 3xx as is)')
    .option('--threshold <expr>', 'SLA threshold, e.g. "p(95)<500" (repeatable; see docs/thresholds.md)', collect)
    .option('--abort-on-fail', 'stop the run as soon as a --threshold fails')
    .option('--out <file>', 'write the result as JSON (schema gonogo/load-result@1); "-" for stdout')
    .option('--csv <prefix>', 'write <prefix>-endpoints.csv and <prefix>-timeline.csv')
    .addOption(new Option('--format <format>', 'what to print at the end: the load summary, or a report format').choices(['summary', ...REPORT_FORMAT_NAMES]).default('summary'))
    .option('-q, --quiet', 'no live progress')
    .option('--scenario <file>', 'run a scripted scenario file (.ts/.js exporting defineScenario; see docs/scenarios.md); repeatable', collect)
    .option('--profile <name>', 'load profile: smoke, load, stress, endurance, peak, spike, or one from `profiles` in the config (docs/profiles.md)')
    .option('--breaking-point', 'after the run, search for the highest arrival rate that meets every threshold (as `gonogo capacity`; docs/capacity.md#after-a-profile)')
    .option('--scale <factor>', 'shrink users and durations of the profile or scenario executors, e.g. 0.1 for CI')
    .option('--execution-segment <from:to>', 'run only this part of the load, e.g. 1/3:2/3 or 50%:100% (docs/distributed.md)')
    .option('--execution-segment-sequence <points>', 'all segments of the split run, e.g. 0,1/3,2/3,1: give every process the same one')
    .option('--start-at <time>', 'start sending at this ISO-8601 time (e.g. 2026-12-04T09:00:00Z), so all segments start together')
    .option('--metrics <url>', 'scrape this Prometheus/OpenMetrics endpoint during the run (repeatable; see docs/server-metrics.md)', collect)
    .option('--metrics-interval <time>', 'how often to scrape --metrics (default 1s)')
    .option('--prometheus <base-url>', 'after the run, query_range this Prometheus over the run window (queries: load.prometheus)')
    .option('--vitals <page-url>', 'also measure Web Vitals of this page in headless Chromium while the load runs, and idle after it (repeatable; docs/load.md#web-vitals-during-the-load)', collect)
    .option('--vitals-runs <n>', 'page loads per page and mode (cold and warm) under load and idle (default 5, or pages.runs)')
    .option('--vitals-threshold <expr>', 'Web Vitals threshold judged under load, e.g. "lcp p(75)<2500" (repeatable; default: Google\'s "good" limits)', collect)
    .addOption(dashboardOption())
    .addOption(remoteWriteOption())
    .action(async (url: string | undefined, flags: LoadCliFlags, cmd: Command) => {
      const { runLoadCommand } = await import('./load-action.js');
      setCode(await runLoadCommand(url, flags, cmd.optsWithGlobals().config as string | undefined));
    });
}
