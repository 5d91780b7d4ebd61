import { describe, expect, it } from 'vitest';
import { REPORTERS } from '../../src/report/registry.js';
import { sampleRunReport } from './sample-run-report.js';

/** The SVG y coordinates of the users chart polyline (smaller y = more users). */
function usersPoints(html: string): number[] {
  const m = /<polyline class="line s4" data-series="users" points="([^"]*)"/.exec(html);
  if (!m) throw new Error('no users chart');
  return m[1]!.trim().split(/\s+/).map((p) => Number(p.split(',')[1]));
}

describe('HTML report: users chart', () => {
  it('plots the closed model as its constant connections when no users were recorded', () => {
    const ys = usersPoints(REPORTERS.html(sampleRunReport(), { color: false }));
    expect(new Set(ys).size).toBe(1);
  });

  it('plots users per second summed over scenarios for scripted runs (a ramp rises)', () => {
    const report = sampleRunReport();
    const load = report.loads![0]!.result as unknown as { scenarios: { usersTimeline: number[] }[] };
    load.scenarios = [{ usersTimeline: [1, 2, 3, 4, 5, 5, 5, 2, 0] }, { usersTimeline: [0, 0, 1, 1, 1, 1, 1, 1, 0] }];
    const ys = usersPoints(REPORTERS.html(report, { color: false }));
    expect(ys).toHaveLength(9);
    // SVG y grows downwards: more users = smaller y. Sums are 1,2,4,5,6,6,6,3,0.
    expect(ys[0]).toBeGreaterThan(ys[2]!);
    expect(ys[2]).toBeGreaterThan(ys[4]!);
    expect(ys[4]).toBe(ys[6]);
    expect(ys[7]).toBeGreaterThan(ys[6]!);
    expect(ys[8]).toBeGreaterThan(ys[7]!);
  });
});
