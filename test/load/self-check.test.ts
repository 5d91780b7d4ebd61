import { describe, expect, it } from 'vitest';
import type { GeneratorStats } from '../../src/load/generator-stats.js';
import { selfCheck } from '../../src/load/self-check.js';

const calm: GeneratorStats = { late: 0, lateNoConnection: 0, dropped: 0, maxSendLagMs: 0.5, interrupted: 0, opens: 10, eventLoopUtilization: 0.4, eventLoopDelayP99Ms: 11, eventLoopDelayMaxMs: 12, sendWindowMs: 5000 };
const base = { connections: 10, cpuMs: 2000, wallMs: 5000, cores: 1, sent: 10_000, openModel: false };

describe('generator self-check', () => {
  it('stays quiet when the generator had headroom', () => {
    const r = selfCheck({ ...base, stats: [calm] });
    expect(r.bottleneck).toBe(false);
    expect(r.reasons).toEqual([]);
    expect(r.cpuPercent).toBe(40);
  });

  it('flags a saturated event loop and CPU', () => {
    const r = selfCheck({ ...base, cpuMs: 4990, stats: [{ ...calm, eventLoopUtilization: 0.99 }] });
    expect(r.bottleneck).toBe(true);
    expect(r.reasons.join('\n')).toMatch(/busy 99%/);
    expect(r.reasons.join('\n')).toMatch(/99.8% of its cores/);
  });

  it('flags event-loop lag', () => {
    const r = selfCheck({ ...base, stats: [{ ...calm, eventLoopDelayP99Ms: 120 }] });
    expect(r.bottleneck).toBe(true);
    expect(r.reasons[0]).toMatch(/p99 120.0 ms/);
  });

  it('tells late-because-generator from late-because-connections in the open model', () => {
    const gen = selfCheck({ ...base, openModel: true, stats: [{ ...calm, late: 500 }] });
    expect(gen.bottleneck).toBe(true);
    expect(gen.reasons[0]).toMatch(/could not keep the schedule/);
    const conns = selfCheck({ ...base, openModel: true, stats: [{ ...calm, late: 500, lateNoConnection: 500 }] });
    expect(conns.bottleneck).toBe(false);
    expect(conns.reasons[0]).toMatch(/all 10 were busy/);
  });

  it('reports dropped requests and sums across workers', () => {
    const r = selfCheck({ ...base, stats: [{ ...calm, dropped: 3 }, { ...calm, dropped: 4, opens: 5 }] });
    expect(r.dropped).toBe(7);
    expect(r.connectionsOpened).toBe(15);
    expect(r.reasons).toContain('7 scheduled requests were never sent before the end of the run (dropped)');
  });
});
