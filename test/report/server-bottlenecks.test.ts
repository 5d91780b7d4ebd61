import { describe, expect, it } from 'vitest';
import type { ServerReport } from '../../src/core/server-metrics.js';
import { launchModel } from '../../src/report/launch/model.js';
import { REPORTERS } from '../../src/report/registry.js';
import { sampleRunReport } from './sample-run-report.js';

const EVIL = '<img src=x onerror=alert(1)>';

function withServer(): ReturnType<typeof sampleRunReport> {
  const report = sampleRunReport();
  const load = report.loads![0]!;
  const points = load.result.timeline.map((p, i) => ({ t: p.t, v: Math.min(20, 10 + i * 5) }));
  const series = (role: 'used' | 'limit', v?: number) => ({
    name: `db_pool.${role}{${EVIL}}`, resource: 'db_pool' as const, role, metric: `hikaricp_connections_${role === 'used' ? 'active' : 'max'}`, source: 'http://127.0.0.1:9/metrics', instance: EVIL, unit: 'connections',
    points: v === undefined ? points : points.map((p) => ({ t: p.t, v })), summary: { min: 10, max: 20, mean: 15, first: 10, last: 20, peakAt: 2 },
  });
  const server: ServerReport = {
    intervalMs: 1000,
    sources: [{ source: 'http://127.0.0.1:9/metrics', scrapes: 3, ok: 3, failed: 0 }],
    series: [series('used'), series('limit', 20)],
    gaps: [],
    warnings: [],
    unmapped: [],
    bottlenecks: [{ resource: 'db_pool', metric: `db_pool.used{${EVIL}}`, at: 2, severity: 'high', evidence: `DB pool "${EVIL}" 20/20 in use with 7 waiting at 2 s`, recommendation: 'raise the pool from 20 to 30 connections', peak: { value: 20, limit: 20, t: 2, unit: 'connections' } }],
  };
  load.result.server = server;
  return report;
}

describe('reports: Bottlenecks identified from server metrics', () => {
  it('the launch model lists the server bottleneck first and turns its recommendation into a high-priority action', () => {
    const m = launchModel(withServer());
    expect(m.bottlenecks[0]).toEqual({ title: `${m.loads[0]!.name}: database connections saturated at 2 s`, evidence: `DB pool "${EVIL}" 20/20 in use with 7 waiting at 2 s`, recommendation: 'raise the pool from 20 to 30 connections' });
    expect(m.recommendations).toContainEqual({ priority: 'high', title: expect.stringContaining('database connections — DB pool'), action: 'raise the pool from 20 to 30 connections' });
  });

  it('markdown has the section with evidence and recommendation; HTML escapes the target\'s strings and charts the pool under the latency chart', () => {
    const report = withServer();
    const md = REPORTERS.markdown(report, { color: false });
    expect(md).toContain('## Bottlenecks identified');
    expect(md).toContain('20/20 in use with 7 waiting at 2 s');
    expect(md).toContain('→ raise the pool from 20 to 30 connections');
    const html = REPORTERS.html(report, { color: false });
    expect(html).toContain('<h2>Bottlenecks identified</h2>');
    expect(html).not.toContain(EVIL);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    const latency = html.indexOf('aria-label="Latency percentiles"');
    const pool = html.indexOf('aria-label="Server: db pool"');
    const throughput = html.indexOf('aria-label="Throughput"');
    expect(latency).toBeGreaterThan(0);
    expect(pool).toBeGreaterThan(latency);
    expect(throughput).toBeGreaterThan(pool);
  });

  it('a report without server metrics keeps the generator finding and draws no server chart', () => {
    const html = REPORTERS.html(sampleRunReport(), { color: false });
    expect(html).not.toContain('Server: ');
  });
});
