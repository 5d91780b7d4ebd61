import type { GonogoConfig } from '../core/config/schema.js';
import { UsageError } from '../core/errors.js';
import { DEFAULT_VITALS_THRESHOLDS, parseVitalsThreshold } from '../core/vitals.js';
import type { LoadVitals } from '../core/load-result.js';
import type { Threshold } from '../core/thresholds/index.js';
import { findChromium } from '../probe/vitals/browser.js';
import type { AlongsideSettings } from '../probe/vitals/alongside.js';
import { pagesThresholds, pagesVitalsSettings } from '../probe/vitals/part.js';
import { checkPageUrl, positiveInt, VITALS_DEFAULTS } from '../probe/vitals/settings.js';
import type { VitalsResult } from '../probe/vitals/run.js';

/** The `gonogo load` flags for Web Vitals during the load (src/cli/load.ts). */
export interface LoadVitalsFlags {
  vitals?: string[];
  vitalsRuns?: string;
  vitalsThreshold?: string[];
}

export interface LoadVitalsPlan {
  settings: AlongsideSettings;
  thresholds: { expressions: string[]; defaulted: boolean };
}

/**
 * What to measure, from --vitals (pages given on the command line) or the config's `pages` section with
 * `duringLoad: true`; undefined when neither asks for it. Every input and the browser are checked here, before the
 * load starts, so bad input or a missing Chromium is exit 2 with nothing sent. The other page settings (timeout,
 * settle, throttling, allowed origins, chromium) come from the `pages` section when there is one.
 */
export function planLoadVitals(flags: LoadVitalsFlags, config: GonogoConfig | undefined): LoadVitalsPlan | undefined {
  const cfg = config?.pages;
  const fromFlags = (flags.vitals?.length ?? 0) > 0;
  if (!fromFlags && !cfg?.duringLoad) {
    if (flags.vitalsRuns !== undefined || flags.vitalsThreshold?.length) {
      positiveInt(flags.vitalsRuns, '--vitals-runs', 1, 100);
      (flags.vitalsThreshold ?? []).forEach((t, i) => parseVitalsThreshold(t, `--vitals-threshold #${i + 1}`));
      throw usage(flags.vitalsRuns !== undefined ? '--vitals-runs' : '--vitals-threshold');
    }
    return undefined;
  }
  const urls = fromFlags ? flags.vitals!.map((u, i) => checkPageUrl(u, `--vitals #${i + 1}`)) : [...cfg!.urls];
  const runs = positiveInt(flags.vitalsRuns, '--vitals-runs', cfg?.runs ?? VITALS_DEFAULTS.runs, 100);
  const given = flags.vitalsThreshold ?? [];
  const thresholds = given.length ? { expressions: [...given], defaulted: false } : cfg ? pagesThresholds(cfg) : { expressions: [...DEFAULT_VITALS_THRESHOLDS], defaulted: true };
  const parsed: Threshold[] = thresholds.expressions.map((t, i) => parseVitalsThreshold(t, given.length ? `--vitals-threshold #${i + 1}` : `pages.thresholds[${i}]`));
  const chromium = findChromium(cfg?.chromium, process.env, 'pages.chromium');
  const base = cfg
    ? pagesVitalsSettings(cfg, chromium)
    : { urls, runs, thresholds: parsed, chromium, pageTimeoutMs: VITALS_DEFAULTS.pageTimeoutMs, maxTimeMs: VITALS_DEFAULTS.maxTimeMs, settleMs: VITALS_DEFAULTS.settleMs, allowOrigins: [] };
  return { settings: { ...base, urls, runs, thresholds: parsed }, thresholds };
}

function usage(flag: string): UsageError {
  return new UsageError(`${flag} needs --vitals PAGE_URL (or \`pages.duringLoad: true\` in the config)`, { where: flag, hint: 'e.g. gonogo load URL --vitals http://127.0.0.1:3000/ --vitals-runs 3' });
}

export interface LoadVitalsSession {
  /** After the load: stop starting page loads, wait for the one running, then (unless interrupted) measure idle. */
  finish(interrupted: boolean): Promise<LoadVitals>;
  /** The load could not start or failed: stop and close the browser, no result. */
  cancel(): Promise<void>;
}

/** Start measuring alongside the load; call before the load starts (it subscribes to the load's live figures). */
export async function startLoadVitals(plan: LoadVitalsPlan, log?: (line: string) => void): Promise<LoadVitalsSession> {
  const { measureAlongsideLoad } = await import('../probe/vitals/alongside.js');
  const { runVitals } = await import('../probe/vitals/run.js');
  const stop = new AbortController();
  const underLoad = measureAlongsideLoad(plan.settings, {
    stop: stop.signal,
    log: log && ((l) => log(`vitals (under load) ${l}`)),
    onStart: log && (() => log('vitals: measuring the pages while the load runs')),
  }).catch((e: unknown) => `measuring under load failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  return {
    async finish(interrupted) {
      stop.abort();
      const u = await underLoad;
      let idle: VitalsResult | null = null;
      let idleNote = interrupted ? 'the run was interrupted' : undefined;
      if (!interrupted) {
        log?.('vitals: measuring the pages idle, after the load');
        // A browser that fails now must not cost the load's figures: the result says why idle is missing.
        try {
          idle = await runVitals(plan.settings, log && ((l) => log(`vitals (idle) ${l}`)));
        } catch (e) {
          idleNote = `measuring idle failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`;
        }
      }
      const measured = typeof u === 'string' ? null : u;
      const passed = measured ? measured.thresholds.every((t) => t.ok) : plan.thresholds.expressions.length === 0;
      return { underLoad: measured, ...(typeof u === 'string' ? { underLoadNote: u } : {}), idle, ...(idleNote ? { idleNote } : {}), thresholds: plan.thresholds, passed };
    },
    async cancel() {
      stop.abort();
      await underLoad;
    },
  };
}
