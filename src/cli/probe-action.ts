import path from 'node:path';
import { isHttpUrl } from '../core/config/fields.js';
import { loadConfig } from '../core/config/load.js';
import { parseDuration } from '../core/duration.js';
import { GonogoError, UsageError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { newReport } from '../core/report-envelope.js';
import { loadProbeFiles } from '../probe/load-files.js';
import { selectChecks } from '../probe/registry.js';
import { runProbe } from '../probe/run.js';
import { resolveSettings } from '../probe/settings.js';
import { getReporter } from '../report/registry.js';
import { configEndpoints } from '../run/scenario-endpoints.js';
import type { ProbeCliFlags } from './probe.js';
import { renderProbeSummary } from './probe-summary.js';

function positive(value: string | undefined, flag: string, integer: boolean): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) throw new UsageError(`${flag} expects a ${integer ? 'positive integer' : 'number > 0'}, got "${value}"`, { where: flag });
  return n;
}

/** `gonogo probe` itself, loaded only when the command runs (see probe.ts). */
export async function runProbeCommand(url: string | undefined, flags: ProbeCliFlags, configPath: string | undefined): Promise<number> {
  const cwd = process.cwd();
  const { config, file } = await loadConfig({ cwd, configPath });
  const target = url ?? config.target;
  if (!target) throw new UsageError('no base URL: give one (gonogo probe http://127.0.0.1:8080) or set `target` in the config', { where: '<base-url>' });
  if (!isHttpUrl(target)) throw new GonogoError('GONOGO_URL_INVALID', `"${target}" is not an absolute http:// or https:// URL`, { where: url ? '<base-url>' : 'target', hint: 'e.g. https://staging.example.com' });
  const checks = flags.checks?.split(',').map((s) => s.trim()).filter(Boolean);
  if (checks) selectChecks(checks);
  let timeoutMs: number | undefined;
  if (flags.timeout !== undefined) timeoutMs = parseDuration(flags.timeout, '--timeout');
  const root = file ? path.dirname(file) : cwd;
  const files = await loadProbeFiles(config.probe, root);
  const knownEndpoints = await configEndpoints(config, root, target);
  const settings = resolveSettings(
    target,
    config.probe,
    { checks, maxRequests: positive(flags.maxRequests, '--max-requests', true), rate: positive(flags.rate, '--rate', false), timeoutMs, insecure: flags.insecure, dryRun: flags.dryRun },
    { ...files, knownEndpoints },
  );
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const startedAt = new Date();
  try {
    const run = await runProbe(settings, { signal: controller.signal, log: flags.quiet || flags.dryRun ? undefined : (l) => process.stderr.write(`  ${l}\n`) });
    if (settings.dryRun) {
      const lines = run.planned.map((p) => `${p.check.padEnd(30)} ${p.request}`);
      process.stdout.write(`${lines.join('\n')}\n\ndry run: ${run.planned.length} requests would be sent to ${new URL(target).origin} (budget ${settings.maxRequests}); nothing was sent\n`);
      return ExitCode.Ok;
    }
    const report = newReport('probe', startedAt, run.checks);
    const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
    const width = process.stdout.columns ?? 100;
    if (flags.format === 'table') process.stdout.write(renderProbeSummary(report, target, { color, width, verbose: flags.verbose === true, plan: run.plan, requests: run.requests, maxRequests: settings.maxRequests, durationMs: run.durationMs }));
    else process.stdout.write(getReporter(flags.format)(report, { color, width, configFile: file ? path.relative(cwd, file) : undefined }));
    if (!flags.quiet) process.stderr.write(`probe: ${run.requests} requests in ${(run.durationMs / 1000).toFixed(1)} s\n`);
    if (controller.signal.aborted) {
      process.stderr.write('probe interrupted; the report covers the checks that ran\n');
      return ExitCode.Unreachable;
    }
    const failed = run.checks.some((c) => c.status === 'fail' || (flags.strict === true && c.status === 'warn'));
    return failed ? ExitCode.GateFailed : ExitCode.Ok;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
