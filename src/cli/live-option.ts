import { Option } from 'commander';
import type { GonogoConfig } from '../core/config/schema.js';
import { ExitCode } from '../core/exit-codes.js';
import type { LiveFlags } from '../live/session.js';

/** `--dashboard` and `--remote-write`, added to every command that runs load (load, run, capacity, baseline). */
export const dashboardOption = () => new Option('--dashboard [host:port]', 'serve a live dashboard of the run (default 127.0.0.1:5665; port 0 picks a free one; docs/dashboard.md)');
export const remoteWriteOption = () => new Option('--remote-write <url>', 'send the live metrics to this Prometheus remote-write URL while the load runs (docs/dashboard.md)');

/** What a command's body ends with: its exit code, and for the dashboard the verdict's words and the report file. */
export type LiveOutcome = number | { code: number; verdict?: string; reportFile?: string };

/**
 * Run `body` with the live outputs the flags or config ask for (none: just `body`). The dashboard
 * gets the verdict, then everything stops; remote-write failures become warnings on stderr.
 */
export async function withLive(flags: LiveFlags, config: GonogoConfig | undefined, reportFile: string | undefined, body: () => Promise<LiveOutcome>): Promise<number> {
  if (flags.dashboard === undefined && flags.remoteWrite === undefined && config?.dashboard === undefined && config?.remoteWrite === undefined) {
    const r = await body();
    return typeof r === 'number' ? r : r.code;
  }
  const { startLive } = await import('../live/session.js');
  const live = await startLive(flags, config, (line) => process.stderr.write(line + '\n'));
  let outcome: { code: number; verdict?: string; reportFile?: string } = { code: ExitCode.Internal, verdict: 'stopped by an error' };
  try {
    const r = await body();
    outcome = typeof r === 'number' ? { code: r } : r;
    return outcome.code;
  } finally {
    if (live) {
      const file = outcome.reportFile ?? reportFile;
      live.finish({ verdict: outcome.verdict ?? codeWords(outcome.code), passed: outcome.code === ExitCode.Ok, ...(file && file !== '-' && outcome.code !== ExitCode.Internal ? { reportFile: file } : {}) });
      for (const w of await live.close()) process.stderr.write(`warning: ${w}\n`);
    }
  }
}

function codeWords(code: number): string {
  return code === ExitCode.Ok ? 'PASS' : code === ExitCode.GateFailed ? 'FAIL' : code === ExitCode.Unreachable ? 'STOPPED (interrupted or unreachable)' : 'STOPPED (error)';
}
