import { describe, expect, it } from 'vitest';
import { compareRuns, DEFAULT_COMPARE, type RunSnapshot } from '../../src/report/compare/compare.js';
import { renderCompareMarkdown, renderCompareTerminal } from '../../src/report/compare/render.js';

const ep = (name: string, rps: number, p50: number, p95: number, p99: number, errorRate: number) => ({ name, rps, p50, p95, p99, errorRate });
const snap = (label: string, endpoints: ReturnType<typeof ep>[], fps: string[], scenario = 'journey'): RunSnapshot => ({
  label,
  startedAt: '2026-01-01T00:00:00.000Z',
  verdict: 'READY',
  loads: [{ name: scenario, endpoints }],
  pages: [],
  findings: fps.map((fingerprint) => ({ ruleId: `rule.${fingerprint}`, severity: 'high', message: `m ${fingerprint}`, fingerprint })),
});

describe('compareRuns', () => {
  const a = snap('A', [ep('all', 1000, 5, 20, 40, 0.001), ep('GET /items', 800, 4, 18, 30, 0), ep('GET /gone', 10, 1, 2, 3, 0)], ['f1', 'f2']);
  const b = snap('B', [ep('all', 850, 5.3, 30, 41, 0.02), ep('GET /items', 820, 4.2, 18.5, 29, 0), ep('GET /new', 5, 1, 2, 3, 0)], ['f2', 'f3']);
  const r = compareRuns(a, b);

  it('flags changes for the worse beyond the noise margin, and only those', () => {
    const all = r.rows.find((x) => x.endpoint === 'all')!.metrics;
    expect(all.rps).toMatchObject({ baseline: 1000, actual: 850, change: -0.15, regression: true });
    expect(all.p50.regression).toBe(false); // +6% is noise
    expect(all.p95).toMatchObject({ change: 0.5, regression: true });
    expect(all.p99.regression).toBe(false);
    expect(all.errorRate.regression).toBe(true);
    const items = r.rows.find((x) => x.endpoint === 'GET /items')!.metrics;
    expect(Object.values(items).some((m) => m.regression)).toBe(false);
    expect(r.regressions).toBe(3);
  });

  it('treats sub-millisecond latency changes as noise whatever the percentage', () => {
    const x = compareRuns(snap('A', [ep('all', 100, 0.2, 0.3, 0.5, 0)], []), snap('B', [ep('all', 100, 0.4, 0.9, 1.2, 0)], []));
    expect(x.regressions).toBe(0);
  });

  it('a wider noise margin absorbs the same changes', () => {
    expect(compareRuns(a, b, { ...DEFAULT_COMPARE, noisePct: 60 }).regressions).toBe(1); // error rate 0.1% -> 2% is +1900%
  });

  it('finds new and fixed findings by fingerprint, and endpoints present in only one run', () => {
    expect(r.findings.new.map((f) => f.fingerprint)).toEqual(['f3']);
    expect(r.findings.fixed.map((f) => f.fingerprint)).toEqual(['f1']);
    expect(r.findings.unchanged).toBe(1);
    expect(r.onlyInBaseline).toEqual(['journey › GET /gone']);
    expect(r.onlyInActual).toEqual(['journey › GET /new']);
  });

  it('renders the same facts for the terminal and for Markdown', () => {
    const t = renderCompareTerminal(r);
    expect(t).toContain('journey › all');
    expect(t).toMatch(/req\/s\s+1000\.0 → 850\.0 \(-15\.0%\) REGRESSION/);
    expect(t).toContain('findings: 1 new, 1 fixed, 1 unchanged');
    expect(t).toContain('3 regressions beyond the noise margin.');
    const md = renderCompareMarkdown(r);
    expect(md).toContain('| journey | all | **1000.0 → 850.0 (-15.0%) REGRESSION** |');
    expect(md).toContain('- new **high** rule.f3: m f3');
  });
});
