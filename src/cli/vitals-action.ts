import { writeFileSync } from 'node:fs';
import { parseDuration } from '../core/duration.js';
import { GonogoError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { parseStepText } from '../core/vitals-steps.js';
import { findChromium } from '../probe/vitals/browser.js';
import { runVitals } from '../probe/vitals/run.js';
import { checkPageUrl, parseVitalsThreshold, positiveInt, VITALS_DEFAULTS } from '../probe/vitals/settings.js';
import { parseCpuThrottle, parseNetwork } from '../probe/vitals/throttle.js';
import { renderVitalsSummary } from './vitals-summary.js';
import type { VitalsCliFlags } from './vitals.js';

/** `gonogo vitals`: every input is checked before the browser starts, so bad input costs nothing. */
export async function runVitalsCommand(urls: string[], flags: VitalsCliFlags): Promise<number> {
  const pages = urls.map((u, i) => checkPageUrl(u, `<url> #${i + 1}`));
  const thresholds = (flags.threshold ?? []).map((t, i) => parseVitalsThreshold(t, `--threshold #${i + 1}`));
  const steps = (flags.step ?? []).map((t, i) => parseStepText(t, `--step #${i + 1}`));
  const allowOrigins = (flags.allowOrigin ?? []).map((o) => checkPageUrl(o, '--allow-origin'));
  const settings = {
    urls: pages,
    ...(steps.length ? { steps: Object.fromEntries(pages.map((p) => [p, steps])) } : {}),
    runs: positiveInt(flags.runs, '--runs', VITALS_DEFAULTS.runs, 100),
    thresholds,
    pageTimeoutMs: flags.timeout ? parseDuration(flags.timeout, '--timeout') : VITALS_DEFAULTS.pageTimeoutMs,
    maxTimeMs: flags.maxTime ? parseDuration(flags.maxTime, '--max-time') : VITALS_DEFAULTS.maxTimeMs,
    settleMs: flags.settle ? parseDuration(flags.settle, '--settle') : VITALS_DEFAULTS.settleMs,
    allowOrigins,
    throttle: { cpu: flags.cpuThrottle ? parseCpuThrottle(flags.cpuThrottle, '--cpu-throttle') : 1, network: flags.network ? parseNetwork(flags.network, '--network') : null },
    chromium: findChromium(flags.chromium),
  };
  const result = await runVitals(settings, flags.quiet ? undefined : (l) => process.stderr.write(`  ${l}\n`));
  const json = `${JSON.stringify(result, null, 2)}\n`;
  if (flags.out) {
    try {
      writeFileSync(flags.out, json);
    } catch (e) {
      throw new GonogoError('GONOGO_OUTPUT_WRITE', `cannot write ${flags.out}: ${(e as Error).message}`, { where: '--out' });
    }
  }
  process.stdout.write(flags.format === 'json' ? json : renderVitalsSummary(result));
  // A page that could not be measured at all is an unreachable target; failed thresholds fail the gate.
  if (result.pages.some((p) => p.runs.length > 0 && p.runs.every((r) => r.error?.startsWith('unreachable')))) return ExitCode.Unreachable;
  return result.thresholds.every((t) => t.ok) ? ExitCode.Ok : ExitCode.GateFailed;
}
