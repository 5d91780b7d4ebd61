import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/core/run-report.js';
import { VITALS, type PageResult, type PagesVitals, type VitalsResult } from '../../src/core/vitals.js';
import { renderHtml } from '../../src/report/html/page.js';
import { markdown } from '../../src/report/reporters/markdown.js';
import { runReportJson } from '../../src/report/run-json.js';
import { HOSTILE, sampleRunReport } from './sample-run-report.js';

/** A measured page whose URL and failure text come from a hostile target. */
function page(url: string, lcp: number): PageResult {
  const s = (x: number, band: 'good' | 'poor') => ({ count: 3, p50: x * 0.8, p75: x, p95: x * 1.2, band });
  const mode = Object.fromEntries(VITALS.map((v) => [v, v === 'lcp' ? s(lcp, lcp > 4000 ? 'poor' : 'good') : { count: 0, p50: null, p75: null, p95: null, band: null }])) as PageResult['vitals']['cold'];
  return { url, runs: [{ mode: 'cold', lcp: null, cls: null, inp: null, fcp: null, ttfb: null, error: HOSTILE }], vitals: { cold: mode, warm: mode }, blockedRequests: [], errors: 1 };
}

function result(lcp: number): VitalsResult {
  return {
    schema: 'gonogo/vitals-result@1', startedAt: '2026-01-01T00:00:00.000Z', durationMs: 1000, browser: '/usr/bin/chromium', runsPerMode: 3,
    throttle: { cpu: 4, network: null }, pages: [page(`http://127.0.0.1:3000/${HOSTILE}`, lcp)], skippedRuns: 0,
    thresholds: [{ metric: 'lcp', expression: 'p(75)<=2500', actual: lcp, ok: lcp <= 2500, abortOnFail: false }],
  };
}

describe('the run report\'s Web Vitals section', () => {
  const vitals: PagesVitals = { idle: result(1200), underLoad: result(4600), thresholds: { expressions: ['lcp p(75)<=2500'], defaulted: true } };
  const report = { ...sampleRunReport(), vitals };

  it('shows p50/p75/p95 and the band per page and mode, idle and under load side by side, escaping the target\'s text', () => {
    const md = markdown(report, { color: false });
    expect(md).toContain('## Web Vitals');
    expect(md).toMatch(/\| cold \| LCP \| 960 ms \| 1200 ms \| 1440 ms \| good \| 3680 ms \| 4600 ms \| 5520 ms \| poor \|/);
    expect(md).toContain('throttling: CPU 4x slower');
    expect(md).not.toContain(HOSTILE);
    const html = renderHtml(report);
    const section = html.slice(html.indexOf('<section id="web-vitals">'), html.indexOf('</section>', html.indexOf('<section id="web-vitals">')));
    expect(section).toContain('<td class="band-good">good</td>');
    expect(section).toContain('<td class="band-poor">poor</td>');
    expect(section).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain(HOSTILE);
  });

  it('report.json carries the vitals (null when the pages part did not run)', () => {
    expect(JSON.parse(runReportJson(report)).vitals.underLoad.pages[0].vitals.cold.lcp.band).toBe('poor');
    expect(JSON.parse(runReportJson(sampleRunReport())).vitals).toBeNull();
    expect(markdown(sampleRunReport(), { color: false })).not.toContain('Web Vitals');
  });

  it('says when the pages could not be measured under load', () => {
    const noLoad: RunReport = { ...sampleRunReport(), vitals: { ...vitals, underLoad: null, underLoadNote: 'the load part did not run in this run' } };
    const md = markdown(noLoad, { color: false });
    expect(md).toContain('- Under load: not measured (the load part did not run in this run).');
  });
});
