import { existsSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { GonogoError } from '../core/errors.js';
import { INTERACTION_TARGET, PAGE_SCRIPT, READ_SCRIPT } from './page-script.js';

export const VITALS = ['lcp', 'fcp', 'cls', 'inp', 'ttfb'] as const;
export type Vital = (typeof VITALS)[number];
export type LoadMode = 'cold' | 'warm';

export interface VitalsSample {
  url: string;
  mode: LoadMode;
  values: Partial<Record<Vital, number>>;
  /** Why this load gave no figures (navigation error, timeout). */
  error?: string;
}

export interface MeasureOptions {
  urls: readonly string[];
  /** Loads per page and mode. */
  runs: number;
  chromium: string;
  /** Per page load, navigation to measured figures. */
  timeoutMs: number;
  /** Wait after `load` for late paints and shifts before reading. */
  settleMs: number;
  /** Origins (besides each page's own) its requests may reach; others are aborted and counted. */
  allowOrigins: readonly string[];
  signal?: AbortSignal;
}

export interface MeasureResult {
  samples: VitalsSample[];
  browserVersion: string;
  /** Requests aborted per page because they left its origin. */
  blocked: Record<string, number>;
}

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** The browser to drive: --chromium, GONOGO_CHROMIUM, or the usual install paths (Debian's chromium first). */
export function findChromium(given: string | undefined): string {
  const path = given ?? process.env.GONOGO_CHROMIUM ?? CANDIDATES.find((p) => existsSync(p));
  if (!path || !existsSync(path)) {
    throw new GonogoError('GONOGO_USAGE', given ? `no browser at ${given}` : 'no Chromium found', {
      where: given ? '--chromium' : 'gonogo vitals',
      hint: 'install Debian\'s chromium (apt-get install chromium) or pass --chromium PATH / set GONOGO_CHROMIUM',
    });
  }
  return path;
}

/**
 * Load every page `runs` times cold (a fresh browser context each time: empty cache, no cookies) and `runs` times
 * warm (one context, loaded once unmeasured, then reloaded), in headless Chromium driven by playwright-core.
 */
export async function measureVitals(o: MeasureOptions): Promise<MeasureResult> {
  const { chromium } = await import('playwright-core');
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: o.chromium, args: ARGS, timeout: 30_000 });
  } catch (err) {
    throw new GonogoError('GONOGO_USAGE', `could not start ${o.chromium}: ${(err as Error).message.split('\n')[0]}`, { where: '--chromium', hint: 'check that the path is a Chromium or Chrome binary' });
  }
  const samples: VitalsSample[] = [];
  const blocked: Record<string, number> = {};
  try {
    for (const url of o.urls) {
      const origin = new URL(url).origin;
      const allowed = new Set([origin, ...o.allowOrigins]);
      blocked[url] = 0;
      const context = async () => {
        const ctx = await browser.newContext({ ignoreHTTPSErrors: false, serviceWorkers: 'block' });
        await ctx.addInitScript(PAGE_SCRIPT);
        await ctx.route('**/*', (route) => {
          const u = route.request().url();
          if (u.startsWith('data:') || allowed.has(safeOrigin(u))) return route.continue();
          blocked[url]!++;
          return route.abort('blockedbyclient');
        });
        return ctx;
      };
      for (let i = 0; i < o.runs && !o.signal?.aborted; i++) {
        const ctx = await context();
        try {
          samples.push(await loadOnce(await ctx.newPage(), url, 'cold', o));
        } finally {
          await ctx.close();
        }
      }
      const warm: BrowserContext = await context();
      try {
        await warm.newPage().then((p) => p.goto(url, { waitUntil: 'load', timeout: o.timeoutMs }).then(() => p.close())).catch(() => undefined);
        for (let i = 0; i < o.runs && !o.signal?.aborted; i++) samples.push(await loadOnce(await warm.newPage(), url, 'warm', o));
      } finally {
        await warm.close();
      }
    }
    return { samples, browserVersion: browser.version(), blocked };
  } finally {
    await browser.close();
  }
}

async function loadOnce(page: Page, url: string, mode: LoadMode, o: MeasureOptions): Promise<VitalsSample> {
  try {
    const response = await page.goto(url, { waitUntil: 'load', timeout: o.timeoutMs });
    if (response && response.status() >= 400) return { url, mode, values: {}, error: `HTTP ${response.status()}` };
    await page.waitForTimeout(o.settleMs);
    const before = (await page.evaluate(READ_SCRIPT)) as Record<Vital, number | null>;
    await interact(page, o.timeoutMs);
    // Event timing entries arrive after the next paint.
    await page.waitForTimeout(300);
    const after = (await page.evaluate(READ_SCRIPT)) as Record<Vital, number | null>;
    const values: Partial<Record<Vital, number>> = {};
    for (const [k, v] of [['lcp', before.lcp], ['fcp', before.fcp], ['ttfb', before.ttfb], ['cls', after.cls], ['inp', after.inp]] as const) {
      if (typeof v === 'number' && Number.isFinite(v)) values[k] = round(v, k === 'cls' ? 4 : 1);
    }
    return { url, mode, values };
  } catch (err) {
    return { url, mode, values: {}, error: (err as Error).message.split('\n')[0]!.slice(0, 200) };
  } finally {
    await page.close().catch(() => undefined);
  }
}

async function interact(page: Page, timeoutMs: number): Promise<void> {
  const target = page.locator(INTERACTION_TARGET).first();
  if ((await target.count()) > 0) await target.click({ timeout: Math.min(timeoutMs, 5000) }).catch(() => undefined);
  else await page.mouse.click(1, 1);
  await page.keyboard.press('Shift');
}

function safeOrigin(u: string): string {
  try {
    return new URL(u).origin;
  } catch {
    return '';
  }
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;
