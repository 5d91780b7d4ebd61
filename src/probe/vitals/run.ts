import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { evaluateThresholds, type Threshold } from '../../core/thresholds/index.js';
import { bandOf, VITALS, VITALS_SCHEMA, type Mode, type PageResult, type RunSample, type Vital, type VitalsResult, type VitalSummary, type VitalsThrottle } from '../../core/vitals.js';
import type { InteractionStep } from '../../core/vitals.js';
import { CHROMIUM_ARGS } from './browser.js';
import { runSteps, StepFailed } from './interactions.js';
import { OBSERVER_SCRIPT } from './observer-script.js';
import { emptySamples, samplesView, trendStats, type Samples } from './stats.js';
import { applyThrottle, NO_THROTTLE } from './throttle.js';

export { VITALS_SCHEMA, type Mode, type PageResult, type RunSample, type VitalsResult, type VitalSummary };

export interface VitalsSettings {
  urls: string[];
  /** User-scripted steps per page URL; a page without steps gets the one automatic click. */
  steps?: Readonly<Record<string, readonly InteractionStep[]>>;
  runs: number;
  thresholds: Threshold[];
  chromium: string;
  /** Per page load (navigation + settle + interaction). */
  pageTimeoutMs: number;
  /** The whole measurement; runs not started by then are left out and counted as skipped. */
  maxTimeMs: number;
  /** Wait after the load event before the interaction, so late LCP candidates and shifts are seen. */
  settleMs: number;
  /** Origins besides each page's own the page may fetch from; everything else is aborted. */
  allowOrigins: string[];
  /** CPU and network throttling (default none). */
  throttle?: VitalsThrottle;
  /** Once aborted, no further run starts (they count as skipped): the load the pages are measured under has ended. */
  stop?: AbortSignal;
  /**
   * Resolves when the runs may start (during a load run: its first requests). The browser is launched before, so a
   * slow start (a busy machine) is not taken out of the time the pages are measured under load.
   */
  ready?: Promise<unknown>;
  /** Stamped on each run as it starts (during a load run: the load's current requests per second). */
  runContext?: () => { loadRps?: number };
}

interface Measured { lcp: number | null; cls: number; inp: number | null; fcp: number | null; ttfb: number | null }

const INTERACTIVE = 'button, input:not([type=hidden]), select, textarea, [role=button], [onclick]';

/** Click the first visible interactive element (never a link: it would navigate away), else the page's corner. */
async function interact(page: Page, timeoutMs: number): Promise<string> {
  const target = page.locator(INTERACTIVE).filter({ visible: true }).first();
  if ((await target.count()) > 0) {
    const desc = await target.evaluate((el) => el.tagName.toLowerCase() + (el.id ? `#${el.id}` : ''));
    await target.click({ timeout: timeoutMs, noWaitAfter: true, force: true });
    return `click ${desc}`;
  }
  await page.mouse.click(1, 1);
  return 'click page corner';
}

async function measureOnce(page: Page, url: string, reload: boolean, s: VitalsSettings): Promise<RunSample & { mode: Mode }> {
  const context = s.runContext?.() ?? {};
  const res = reload ? await page.reload({ waitUntil: 'load', timeout: s.pageTimeoutMs }) : await page.goto(url, { waitUntil: 'load', timeout: s.pageTimeoutMs });
  const status = res?.status() ?? 0;
  await page.waitForTimeout(s.settleMs);
  await page.evaluate('window.__gonogoVitals.interacted = true');
  // A slow handler (CPU throttling) holds the click until it returns: it may take the page's whole budget.
  const steps = s.steps?.[url];
  const interactions = steps?.length ? await runSteps(page, steps, s.pageTimeoutMs) : [await interact(page, s.pageTimeoutMs)];
  const interaction = interactions.join(', ');
  // Event timing entries are delivered after the next frame is presented; give the handler and paint time.
  await page.waitForTimeout(Math.min(1000, s.settleMs) + 200);
  const m = await page.evaluate<Measured>('({ ...window.__gonogoVitals })');
  const sample: RunSample = { mode: reload ? 'warm' : 'cold', lcp: m.lcp, cls: m.cls, inp: m.inp, fcp: m.fcp, ttfb: m.ttfb, interaction, interactions, ...context };
  if (status >= 400) sample.error = `http-${status}`;
  return sample;
}

/** Classify a failed load: the page's own failures are data, never a crash. */
function classify(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  if (/Timeout/i.test(msg)) return 'timeout';
  const net = /net::(ERR_[A-Z_]+)/.exec(msg);
  if (net) return net[1] === 'ERR_CONNECTION_REFUSED' || net[1] === 'ERR_NAME_NOT_RESOLVED' || net[1] === 'ERR_ADDRESS_UNREACHABLE' ? `unreachable (${net[1]})` : net[1]!;
  return msg.split('\n')[0]!.slice(0, 200);
}

async function newContext(browser: Browser, url: string, s: VitalsSettings, blocked: string[]): Promise<BrowserContext> {
  const ctx = await browser.newContext({ ignoreHTTPSErrors: false, serviceWorkers: 'block' });
  await ctx.addInitScript(OBSERVER_SCRIPT);
  const allowed = new Set([new URL(url).origin, ...s.allowOrigins.map((o) => new URL(o).origin)]);
  await ctx.route('**/*', async (route) => {
    const u = route.request().url();
    let origin = '';
    try { origin = new URL(u).origin; } catch { /* data: and friends have an opaque origin */ }
    if (u.startsWith('data:') || u.startsWith('blob:') || allowed.has(origin)) return route.continue();
    if (blocked.length < 100) blocked.push(u);
    return route.abort('blockedbyclient');
  });
  return ctx;
}

function summarise(samples: Samples, mode: Mode, vital: Vital): VitalSummary {
  const st = trendStats(samples[mode][vital]);
  if (!st) return { count: 0, p50: null, p75: null, p95: null, band: null };
  const p75 = st.percentile(75);
  return { count: st.count, p50: st.percentile(50), p75, p95: st.percentile(95), band: bandOf(vital, p75) };
}

/** Load every page N times cold (a new context each: empty cache) and N times warm (one context, reloads). */
export async function runVitals(s: VitalsSettings, log?: (line: string) => void): Promise<VitalsResult> {
  const throttle = s.throttle ?? NO_THROTTLE;
  const browser = await chromium.launch({ executablePath: s.chromium, args: CHROMIUM_ARGS, timeout: 30_000 });
  await s.ready?.catch(() => undefined);
  const started = Date.now();
  const deadline = started + s.maxTimeMs;
  const pages: PageResult[] = [];
  const all: Samples[] = [];
  let skipped = 0;
  try {
    for (const url of s.urls) {
      const samples = emptySamples();
      const runs: RunSample[] = [];
      const blocked: string[] = [];
      const record = (r: RunSample) => {
        runs.push(r);
        if (r.error) return;
        for (const v of VITALS) { const x = r[v]; if (x !== null && x !== undefined) samples[r.mode][v].push(x); }
      };
      const attempt = async (mode: Mode, fn: () => Promise<RunSample>) => {
        if (Date.now() >= deadline || s.stop?.aborted) { skipped++; return; }
        try { record(await fn()); } catch (e) {
          const failed = e instanceof StepFailed ? { failedStep: e.step, error: `step-failed: ${e.message}` } : { error: classify(e) };
          if (e instanceof StepFailed) log?.(`${url}: step ${e.message}`);
          record({ mode, lcp: null, cls: null, inp: null, fcp: null, ttfb: null, ...failed });
        }
      };
      for (let i = 0; i < s.runs; i++) {
        await attempt('cold', async () => {
          const ctx = await newContext(browser, url, s, blocked);
          try {
            const page = await ctx.newPage();
            await applyThrottle(page, throttle);
            return await measureOnce(page, url, false, s);
          } finally {
            await ctx.close();
          }
        });
      }
      // Warm: one priming load fills the cache, then N measured reloads in the same context.
      const ctx = await newContext(browser, url, s, blocked);
      try {
        const page = await ctx.newPage();
        await applyThrottle(page, throttle);
        let primed = true;
        try { await page.goto(url, { waitUntil: 'load', timeout: s.pageTimeoutMs }); } catch (e) { primed = false; record({ mode: 'warm', lcp: null, cls: null, inp: null, fcp: null, ttfb: null, error: classify(e) }); }
        for (let i = 0; i < s.runs && primed; i++) await attempt('warm', () => measureOnce(page, url, true, s));
      } finally {
        await ctx.close();
      }
      const vitals = Object.fromEntries((['cold', 'warm'] as const).map((m) => [m, Object.fromEntries(VITALS.map((v) => [v, summarise(samples, m, v)]))])) as PageResult['vitals'];
      const errors = runs.filter((r) => r.error).length;
      log?.(`${url}: ${runs.length - errors} runs measured, ${errors} failed`);
      pages.push({ url, runs, vitals, blockedRequests: blocked, errors });
      all.push(samples);
    }
  } finally {
    await browser.close();
  }
  return {
    schema: VITALS_SCHEMA,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    browser: s.chromium,
    runsPerMode: s.runs,
    throttle,
    pages,
    skippedRuns: skipped,
    thresholds: evaluateThresholds(s.thresholds, samplesView(all)),
  };
}
