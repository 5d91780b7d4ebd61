import { liveFeed } from '../core/live-snapshot.js';
import type { GonogoConfig } from '../core/config/schema.js';
import { UsageError } from '../core/errors.js';
import { isHttpUrl } from '../core/config/fields.js';
import { parseDashboardAddress } from './address.js';
import { DashboardServer, type Verdict } from './dashboard-server.js';
import { RemoteWriter } from './remote-write.js';

/** How long the dashboard stays up after the verdict while a page is open (it reads the verdict, fetches the report). */
export const DASHBOARD_LINGER_MS = 5000;
/** How often remote write sends the latest snapshot. */
export const REMOTE_WRITE_INTERVAL_MS = 2000;

export interface LiveFlags {
  /** `--dashboard` with no value is true. */
  dashboard?: string | true;
  remoteWrite?: string;
}

/** The live outputs of one command: started before its load runs, finished with its verdict. */
export interface LiveSession {
  dashboardUrl?: string;
  finish(v: Verdict): void;
  /** Stop everything (after the dashboard's linger); the warnings are remote write's. */
  close(): Promise<string[]>;
}

/**
 * Start what the flags (else the config's `dashboard` / `remoteWrite`) ask for and plug it into the
 * process's live feed; undefined when nothing was asked. `warn` gets lines for stderr.
 */
export async function startLive(flags: LiveFlags, config: GonogoConfig | undefined, warn: (line: string) => void): Promise<LiveSession | undefined> {
  const dashWanted = flags.dashboard ?? config?.dashboard;
  const rwUrl = flags.remoteWrite ?? config?.remoteWrite;
  if (dashWanted === undefined && rwUrl === undefined) return undefined;
  const dashWhere = flags.dashboard !== undefined ? '--dashboard' : 'dashboard';
  const addr = dashWanted === undefined ? undefined : parseDashboardAddress(dashWanted, dashWhere);
  if (rwUrl !== undefined && !isHttpUrl(rwUrl)) throw new UsageError(`${flags.remoteWrite !== undefined ? '--remote-write' : 'remoteWrite'}: "${rwUrl}" is not an http(s) URL`, { where: flags.remoteWrite !== undefined ? '--remote-write' : 'remoteWrite', hint: 'e.g. http://127.0.0.1:9090/api/v1/write' });

  let dashboard: DashboardServer | undefined;
  if (addr) {
    try {
      dashboard = await DashboardServer.start(addr);
    } catch (err) {
      throw new UsageError(`${dashWhere}: cannot listen on ${addr.host}:${addr.port}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { where: dashWhere, hint: 'choose another port (0 picks a free one)' });
    }
    if (addr.exposed) warn(`warning: the dashboard listens on ${addr.host}, not loopback: anyone who can reach it sees the run's endpoints and figures`);
    warn(`dashboard: ${dashboard.url}`);
  }
  const writer = rwUrl === undefined ? undefined : new RemoteWriter({ url: new URL(rwUrl), intervalMs: REMOTE_WRITE_INTERVAL_MS, labels: { job: 'gonogo', ...(config?.service ? { service: config.service } : {}) } });
  const unsubscribe = liveFeed.subscribe((s) => {
    dashboard?.push(s);
    writer?.push(s);
  });
  return {
    dashboardUrl: dashboard?.url,
    finish: (v) => dashboard?.finish(v),
    async close() {
      unsubscribe();
      const [, rw] = await Promise.all([dashboard?.close(DASHBOARD_LINGER_MS), writer?.close()]);
      return rw?.warnings ?? [];
    },
  };
}

export type { Verdict } from './dashboard-server.js';
