import type { PagesConfig } from '../../core/config/pages-section.js';
import { GonogoError } from '../../core/errors.js';
import { PART_CATALOGUE } from '../../core/part-catalogue.js';
import type { Part, PartContext } from '../../core/part.js';
import { DEFAULT_VITALS_THRESHOLDS, parseVitalsThreshold, type PagesVitals, type VitalsResult } from '../../core/vitals.js';
import { findChromium } from './browser.js';
import { pagesChecks } from './checks.js';
import type { VitalsSettings } from './run.js';
import { VITALS_DEFAULTS } from './settings.js';

/** A missing browser is the part's failure (NOT READY, with what to do), never a silent skip nor a usage error. */
function browser(cfg: PagesConfig): string {
  try {
    return findChromium(cfg.chromium, process.env, 'pages.chromium');
  } catch (e) {
    if (!(e instanceof GonogoError)) throw e;
    throw new Error(`${e.message}${e.where ? ` (${e.where})` : ''}${e.details.length ? ` (${e.details.join('; ')})` : ''}: ${e.hint ?? ''}`);
  }
}

/** `pages.thresholds`, else Google's "good" limits at p75 (`gonogo run` and `gonogo load` with `pages.duringLoad`). */
export function pagesThresholds(cfg: PagesConfig): { expressions: string[]; defaulted: boolean } {
  return cfg.thresholds?.length ? { expressions: [...cfg.thresholds], defaulted: false } : { expressions: [...DEFAULT_VITALS_THRESHOLDS], defaulted: true };
}

/** The `pages` section as measurement settings (shared with `gonogo load`, which reads the same section). */
export function pagesVitalsSettings(cfg: PagesConfig, chromium: string): VitalsSettings {
  return {
    urls: [...cfg.urls],
    ...(cfg.steps ? { steps: cfg.steps } : {}),
    runs: cfg.runs ?? VITALS_DEFAULTS.runs,
    thresholds: pagesThresholds(cfg).expressions.map((t, i) => parseVitalsThreshold(t, `pages.thresholds[${i}]`)),
    chromium,
    pageTimeoutMs: cfg.timeoutMs ?? VITALS_DEFAULTS.pageTimeoutMs,
    maxTimeMs: cfg.maxTimeMs ?? VITALS_DEFAULTS.maxTimeMs,
    settleMs: cfg.settleMs ?? VITALS_DEFAULTS.settleMs,
    allowOrigins: [...(cfg.allowOrigins ?? [])],
    throttle: { cpu: cfg.cpuThrottle ?? 1, network: cfg.network ?? null },
  };
}

/** pages.duringLoad: the pages measured while the load part runs (src/probe/vitals/alongside.ts). */
async function measureUnderLoad(ctx: PartContext, stop: AbortSignal): Promise<VitalsResult | string> {
  const chromium = browser(ctx.config.pages!);
  const { measureAlongsideLoad } = await import('./alongside.js');
  return measureAlongsideLoad(pagesVitalsSettings(ctx.config.pages!, chromium), {
    stop: AbortSignal.any([stop, ctx.signal]),
    log: (l) => ctx.log(`pages (under load) ${l}`),
    onStart: () => ctx.log('pages: measuring while the load runs'),
  });
}

/** The pages part of `gonogo run`: Web Vitals of the configured pages, idle and (pages.duringLoad) under load. */
export const pagesPart: Part = {
  name: 'pages',
  title: PART_CATALOGUE.pages.title,
  skipReason(config) {
    if (!config.pages) return 'no `pages` section in the config';
    return undefined;
  },
  alongside(config) {
    if (!config.pages?.duringLoad) return undefined;
    return { part: 'load', run: measureUnderLoad };
  },
  async run(ctx) {
    const cfg = ctx.config.pages!;
    const chromium = browser(cfg);
    let underLoad: VitalsResult | null | undefined;
    let underLoadNote: string | undefined;
    if (ctx.alongside) {
      try {
        const u = (await ctx.alongside) as VitalsResult | string;
        if (typeof u === 'string') [underLoad, underLoadNote] = [null, u];
        else underLoad = u;
      } catch (e) {
        [underLoad, underLoadNote] = [null, `measuring under load failed: ${e instanceof Error ? e.message : String(e)}`];
      }
    } else if (cfg.duringLoad) {
      [underLoad, underLoadNote] = [null, 'the load part did not run in this run'];
    }
    const { runVitals } = await import('./run.js');
    const idle = await runVitals({ ...pagesVitalsSettings(cfg, chromium), stop: ctx.signal }, (l) => ctx.log(`pages ${l}`));
    if (idle.pages.every((p) => p.runs.length > 0 && p.runs.every((r) => r.error?.startsWith('unreachable')))) {
      throw new GonogoError('GONOGO_TARGET_UNREACHABLE', `no page could be reached: ${idle.pages.map((p) => `${p.url}: ${p.runs[0]?.error}`).join('; ')}`);
    }
    const vitals: PagesVitals = { idle, ...(underLoad !== undefined ? { underLoad } : {}), ...(underLoadNote ? { underLoadNote } : {}), thresholds: pagesThresholds(cfg) };
    return { checks: pagesChecks(vitals), vitals };
  },
};
