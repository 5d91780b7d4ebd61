import path from 'node:path';
import type { CliCommandSpec } from '../core/cli-spec.js';
import { validateConfig } from '../core/config/validate.js';
import { GonogoError, UsageError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { parseScale } from '../core/scale.js';
import { findChromium } from '../probe/vitals/browser.js';
import { builtInDemoConfig, DEMO_KNOBS, demoOverlay, exampleConfigFile, sampleProject } from '../run/demo-config.js';
import { loadRunConfig } from '../run/run-config.js';
import { databaseUrl } from './database-url.js';
import { executeGate } from './run-action.js';

/** What `gonogo demo` needs from the reference service (src/demo/server.ts). */
interface DemoTarget {
  url: string;
  close(): Promise<void>;
}
type StartDemoTarget = (opts?: { port?: number; host?: string; dataDir?: string; quiet?: boolean; database?: 'memory' | 'pglite'; databaseUrl?: string; knobs?: Record<string, unknown> }) => Promise<DemoTarget>;

// A variable specifier: the demo service is built alongside, and this file must compile without it.
const SERVER_MODULE = '../demo/server.js';
/** The whole demo stays well under 90 s on two cores: parts are stopped at this budget. */
const BUDGET_MS = 75_000;

/** Whether the demo can measure its UI page: the same lookup as the pages part (GONOGO_CHROMIUM, then the usual paths). */
function demoBrowser(): { missing?: string } {
  try {
    findChromium(undefined, process.env, 'GONOGO_CHROMIUM');
    return {};
  } catch (e) {
    if (!(e instanceof GonogoError)) throw e;
    return { missing: `${e.message}${e.details.length ? ` (${e.details.join('; ')})` : ''}: ${e.hint ?? ''}` };
  }
}

/** `gonogo demo` itself, loaded only when the command runs (demo.ts registers it and fills in the default --scale). */
export async function runDemo(flags: { out?: string; scale?: string; quiet?: boolean; databaseUrl?: string }, cliSpec?: () => CliCommandSpec): Promise<number> {
  const cwd = process.cwd();
  const scale = parseScale(flags.scale);
  // Items in PGlite behind a bounded pool, so the load parts meet a real database (docs/demo-target.md#database), or
  // in the Postgres server of --database-url. No data folder: the service removes its own temporary folder.
  const db = flags.databaseUrl !== undefined ? { databaseUrl: databaseUrl(flags.databaseUrl, '--database-url') } : { database: 'pglite' as const };
  const log = (s: string) => {
    if (!flags.quiet) process.stderr.write(`${s}\n`);
  };
  let start: StartDemoTarget;
  try {
    start = ((await import(SERVER_MODULE)) as { startDemoTarget: StartDemoTarget }).startDemoTarget;
  } catch (err) {
    throw new GonogoError('GONOGO_DEMO_UNAVAILABLE', `the reference service is not part of this build: ${(err as Error).message}`, { hint: 'run `npm run build` in a full clone of gonogo' });
  }
  let service: DemoTarget;
  try {
    service = await start({ port: 0, host: '127.0.0.1', quiet: true, ...db });
  } catch (err) {
    if ((err as Error).name === 'DatabaseUnavailableError') throw new UsageError((err as Error).message, { where: '--database-url', hint: 'check the host, port, user, password and database name' });
    throw new GonogoError('GONOGO_DEMO_UNAVAILABLE', `the reference service did not start: ${(err as Error).message}`, { hint: 'run `gonogo demo-target` to see why' });
  }
  log(`reference service listening on ${service.url}`);
  let stress: DemoTarget | undefined;
  try {
    // A second instance with a 2-connection pool for the breaking-point search (the other parts keep the healthy one).
    stress = await start({ port: 0, host: '127.0.0.1', quiet: true, ...db, knobs: { ...DEMO_KNOBS } }).catch((err: Error) => {
      throw new GonogoError('GONOGO_DEMO_UNAVAILABLE', `the reference service did not start: ${err.message}`, { hint: 'run `gonogo demo-target` to see why' });
    });
    log(`capacity search target (small DB pool) listening on ${stress.url}`);
    const browser = demoBrowser();
    if (browser.missing) log(`pages: not covered: ${browser.missing}`);
    const withPages = browser.missing === undefined;
    const example = exampleConfigFile();
    const { config, file } = example
      ? await loadRunConfig({ cwd, configPath: example, target: service.url, overlay: (raw) => demoOverlay(raw, sampleProject(), `${service.url}/metrics`, stress?.url, withPages) })
      : { config: validateConfig(builtInDemoConfig(service.url, sampleProject(), withPages), 'built-in demo config'), file: undefined };
    log(example ? `config: ${path.relative(cwd, example) || example} (scale ${scale})` : 'config: built-in demo config');
    const outcome = await executeGate({
      config,
      file,
      cwd,
      scale: example ? scale : 1,
      // Shorter, not lighter: the examples' throughput thresholds hold for their full user counts.
      scaleUsers: false,
      strict: false,
      out: flags.out,
      quiet: flags.quiet === true,
      budgetMs: BUDGET_MS,
      runsDir: path.resolve(cwd, '.gonogo/runs'),
      // A part this build cannot run here (e.g. no vulnerability data yet) is shown as failed, not fatal.
      partUsageErrorsAreFailures: true,
      ...(browser.missing ? { skipReasons: { pages: `the demo found no browser: ${browser.missing}` } } : {}),
      cliSpec,
    });
    // The demo succeeded when the whole gate ran and wrote its reports; the verdict is its content.
    return outcome.code === ExitCode.Unreachable ? ExitCode.Unreachable : ExitCode.Ok;
  } finally {
    await stress?.close();
    await service.close();
    log('reference service stopped');
  }
}
