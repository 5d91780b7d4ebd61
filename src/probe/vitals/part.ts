import type { PagesConfig } from '../../core/config/pages-section.js';
import { GonogoError } from '../../core/errors.js';
import { liveFeed, type LiveSnapshot } from '../../core/live-snapshot.js';
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

function thresholds(cfg: PagesConfig): { expressions: string[]; defaulted: boolean } {
  return cfg.thresholds?.length ? { expressions: [...cfg.thresholds], defaulted: false } : { expressions: [...DEFAULT_VITALS_THRESHOLDS], defaulted: true };
}

function settings(ctx: PartContext, chromium: string, stop: AbortSignal): VitalsSettings {
  const cfg = ctx.config.pages!;
  return {
    urls: [...cfg.urls],
    runs: cfg.runs ?? VITALS_DEFAULTS.runs,
    thresholds: thresholds(cfg).expressions.map((t, i) => parseVitalsThreshold(t, `pages.thresholds[${i}]`)),
    chromium,
    pageTimeoutMs: cfg.timeoutMs ?? VITALS_DEFAULTS.pageTimeoutMs,
    maxTimeMs: cfg.maxTimeMs ?? VITALS_DEFAULTS.maxTimeMs,
    settleMs: cfg.settleMs ?? VITALS_DEFAULTS.settleMs,
    allowOrigins: [...(cfg.allowOrigins ?? [])],
    throttle: { cpu: cfg.cpuThrottle ?? 1, network: cfg.network ?? null },
    stop,
  };
}

/**
 * pages.duringLoad: once the load part sends requests (the first live snapshot with requests in it), load the pages
 * until it ends. The browser is launched at once, while the load starts: launched only then, a slow start on a busy
 * machine took the whole load run and nothing was measured under load. One browser, the configured runs one after
 * another: a few loads, not a browser per virtual user, so the browser's own CPU stays small next to the load
 * generator's. Returns the result, or why nothing was measured.
 */
async function measureUnderLoad(ctx: PartContext, stop: AbortSignal): Promise<VitalsResult | string> {
  const chromium = browser(ctx.config.pages!);
  let last: LiveSnapshot | undefined;
  let begin = () => {};
  const begun = new Promise<void>((r) => (begin = r));
  const unsubscribe = liveFeed.subscribe((s) => {
    if (s.second.requests <= 0) return;
    last = s;
    begin();
  });
  stop.addEventListener('abort', () => begin(), { once: true });
  const started = begun.then(() => {
    if (last && !stop.aborted) ctx.log('pages: measuring while the load runs');
  });
  try {
    const { runVitals } = await import('./run.js');
    const measured = await runVitals(
      { ...settings(ctx, chromium, AbortSignal.any([stop, ctx.signal])), ready: started, runContext: () => ({ loadRps: last?.second.requests }) },
      (l) => ctx.log(`pages (under load) ${l}`),
    );
    return last ? measured : 'the load part ended before it sent any requests';
  } finally {
    unsubscribe();
  }
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
    const idle = await runVitals(settings(ctx, chromium, ctx.signal), (l) => ctx.log(`pages ${l}`));
    if (idle.pages.every((p) => p.runs.length > 0 && p.runs.every((r) => r.error?.startsWith('unreachable')))) {
      throw new GonogoError('GONOGO_TARGET_UNREACHABLE', `no page could be reached: ${idle.pages.map((p) => `${p.url}: ${p.runs[0]?.error}`).join('; ')}`);
    }
    const vitals: PagesVitals = { idle, ...(underLoad !== undefined ? { underLoad } : {}), ...(underLoadNote ? { underLoadNote } : {}), thresholds: thresholds(cfg) };
    return { checks: pagesChecks(vitals), vitals };
  },
};
