import { Command } from 'commander';

export interface DemoTargetFlags {
  port: string;
  host: string;
  data?: string;
  tlsCert?: string;
  tlsKey?: string;
  rateLimit?: string;
  rateWindow?: string;
  latency?: string;
  latencyJitter?: string;
  routeLatency?: string[];
  errorRate?: string;
  errorStatus?: string;
  tokenLatency?: string;
  firstToken?: string;
  taskDuration?: string;
  taskConcurrency?: string;
  database: string;
  databaseUrl?: string;
  dbPoolSize?: string;
  dbLatency?: string;
  cacheSize?: string;
  filter: boolean;
  quiet?: boolean;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

export function registerDemoTarget(program: Command, setCode: (c: number) => void): void {
  program
    .command('demo-target')
    .description('Run the bundled reference service (API gateway, items, tasks, model and tool gateway) on loopback')
    .option('-p, --port <n>', 'port to listen on (0: any free port)', '8080')
    .option('--host <address>', 'address to bind', '127.0.0.1')
    .option('--data <dir>', 'folder for persisted items (default: a temporary folder removed on exit)')
    .option('--tls-cert <file>', 'serve HTTPS with this PEM certificate (with --tls-key)')
    .option('--tls-key <file>', 'PEM private key for --tls-cert')
    .option('--rate-limit <n>', 'requests per client per window (default: 1,000,000/min for loopback, 600/min for others)')
    .option('--rate-window <time>', 'rate-limit window, e.g. 60s (default 60s)')
    .option('--latency <ms>', 'knob: latency added to every request (ms, or a duration like 1s)')
    .option('--latency-jitter <ms>', 'knob: further random latency up to this much')
    .option('--route-latency <route=ms>', 'knob: latency for one route or route prefix, e.g. /api/items=200 (repeatable)', collect)
    .option('--error-rate <fraction>', 'knob: fraction of requests answered with an injected error, 0..1')
    .option('--error-status <status>', 'knob: status of injected errors, 500 or 503')
    .option('--token-latency <ms>', 'knob: model gateway time per generated token (default 2)')
    .option('--first-token <ms>', 'knob: model gateway wait before the first token (default 0)')
    .option('--task-duration <ms>', 'knob: simulated work time per task (default 20)')
    .option('--task-concurrency <n>', 'tasks run at once by the task queue (default 4)')
    .option('--database <engine>', 'where items live: memory (items.jsonl) or pglite (Postgres in WebAssembly behind a bounded pool)', 'memory')
    .option('--database-url <url>', 'keep items in this Postgres server instead (postgres://user:password@host:port/db), through a pool of --db-pool-size connections')
    .option('--db-pool-size <n>', 'knob: connections in the database pool (default 10)')
    .option('--db-latency <ms>', 'knob: extra time each SQL statement holds its connection (default 0)')
    .option('--cache-size <n>', 'knob: items kept in the read cache, 0 for none (default 1000)')
    .option('--no-filter', 'knob: turn the built-in request filter off')
    .option('-q, --quiet', 'print only the URL')
    .action(async (flags: DemoTargetFlags) => {
      const { runDemoTarget } = await import('./demo-target-action.js');
      setCode(await runDemoTarget(flags));
    });
}
