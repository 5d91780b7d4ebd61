import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { closeAll, startTarget } from './helpers.js';

afterEach(closeAll);

const vitals = async (url: string) => {
  const r = await runCli(['vitals', url, '--runs', '1', '--settle', '700ms', '--format', 'json', '-q'], { timeoutMs: 120_000 });
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout).pages[0].vitals.cold;
};

describe('gonogo vitals on the demo target page /app (needs Chromium)', () => {
  it('a 600 ms page delay moves TTFB, FCP and LCP; the banner knob adds CLS; the click-block knob raises INP', async () => {
    const t = await startTarget();
    const base = await vitals(`${t.url}/app`);
    t.setKnobs({ routeLatencyMs: { '/app': 600 }, appBannerDelayMs: 200, appClickBlockMs: 400 });
    const slow = await vitals(`${t.url}/app`);
    // The page waits 600 ms (its script and stylesheet 600 ms more); 400: a loaded 2-core machine slows the baseline, not the delay.
    expect(slow.ttfb.p75 - base.ttfb.p75).toBeGreaterThanOrEqual(400);
    expect(slow.fcp.p75 - base.fcp.p75).toBeGreaterThanOrEqual(400);
    expect(slow.lcp.p75 - base.lcp.p75).toBeGreaterThanOrEqual(400);
    expect(base.cls.p75).toBe(0);
    expect(slow.cls.p75).toBeGreaterThan(0);
    expect(slow.inp.p75).toBeGreaterThanOrEqual(400);
    expect(base.inp.p75).toBeLessThan(400);
  }, 300_000);
});
