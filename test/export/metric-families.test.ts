import { describe, expect, it } from 'vitest';
import { METRIC_FAMILIES, SATURATION } from '../../src/core/metric-families.js';
import { SERVER_RESOURCES } from '../../src/core/server-metrics.js';
import { parseThresholds } from '../../src/core/thresholds/index.js';
import { selector } from '../../src/export/monitoring/families.js';
import { dashboardExpressions } from '../../src/export/monitoring/grafana/panels.js';
import { buildMonitoringKit } from '../../src/export/monitoring/kit.js';
import { CATALOGUE, catalogueFamilies, catalogueRows } from '../../src/load/server/catalogue.js';
import { RULES } from '../../src/load/server/bottlenecks.js';

const kit = buildMonitoringKit({ service: 'shop', target: 'http://127.0.0.1:8080', thresholds: parseThresholds([{ input: 'p(95)<300', where: 'load.thresholds[0]' }]), dashboardsPath: '/var/lib/grafana/dashboards' });
const alerts = kit.groups.flatMap((g) => g.alerts);
const dashboardExprs = kit.dashboards.flatMap((d) => dashboardExpressions(d.json));
const reads = (expr: string, family: string) => new RegExp(`(^|[^a-zA-Z0-9_:])${family}([^a-zA-Z0-9_:]|$)`).test(expr);
const resources = new Set<string>(SERVER_RESOURCES);

describe('one metric-family list for the load engine and the monitoring kit', () => {
  it('is the list the load engine maps samples with and queries Prometheus for', () => {
    expect(CATALOGUE).toBe(METRIC_FAMILIES);
    expect(new Set(catalogueFamilies())).toEqual(new Set(METRIC_FAMILIES.map((r) => r.family)));
  });

  it('every family of the list has a resource alert of its resource, or a documented reason not to (and never both)', () => {
    const missing: string[] = [];
    const stale: string[] = [];
    for (const row of METRIC_FAMILIES) {
      const watching = alerts.filter((a) => reads(a.expr, row.family) && a.labels?.family === row.resource);
      if (watching.length === 0 && !row.noAlert) missing.push(`${row.family} (${row.resource}.${row.role})`);
      // A family an alert of another resource reads (kube limits, node CPU) still counts as read: the reason would be stale.
      if (row.noAlert && alerts.some((a) => reads(a.expr, row.family))) stale.push(row.family);
    }
    expect(missing).toEqual([]);
    expect(stale).toEqual([]);
  });

  it('every resource alert reads a family of its resource from the list', () => {
    const resourceAlerts = alerts.filter((a) => a.labels?.family !== undefined && resources.has(a.labels.family));
    expect(resourceAlerts.length).toBeGreaterThanOrEqual(15);
    for (const a of resourceAlerts) {
      const own = METRIC_FAMILIES.filter((r) => r.resource === a.labels!.family && reads(a.expr, r.family));
      expect(own.map((r) => r.family), a.alert).not.toEqual([]);
    }
  });

  it('a family said to be shown on the dashboard is on one, and every alerted family is too', () => {
    for (const row of METRIC_FAMILIES) {
      const alerted = alerts.some((a) => reads(a.expr, row.family));
      if (alerted || row.noAlert?.includes('dashboard')) expect(dashboardExprs.some((e) => reads(e, row.family)), row.family).toBe(true);
    }
  });

  it('alerts, dashboard threshold steps and the bottleneck rules saturate at the same points', () => {
    expect(RULES).toMatchObject({
      poolBusy: SATURATION.db_pool.usedOfLimit,
      cpuBusy: SATURATION.cpu.usedOfLimit,
      memoryNear: SATURATION.memory.usedOfLimit,
      threadsBusy: SATURATION.thread_pool.usedOfLimit,
      diskNear: SATURATION.disk.usedOfLimit,
      cacheMemoryNear: SATURATION.cache.usedOfLimit,
      lagSec: SATURATION.event_loop.lagSeconds,
      queueGrowth: SATURATION.queue.queueGrowth,
    });
    const infra = kit.dashboards.find((d) => d.path.endsWith('infrastructure.json'))!.json as { panels: { fieldConfig?: { defaults: { thresholds: { steps: { value: number | null; color: string }[] } } } }[] };
    const steps = new Set(infra.panels.flatMap((p) => p.fieldConfig?.defaults.thresholds.steps.map((s) => s.value) ?? []));
    for (const [resource, s] of Object.entries(SATURATION)) {
      const own = alerts.filter((a) => a.labels?.family === resource);
      if (s.usedOfLimit !== undefined) {
        expect(own.some((a) => a.expr.endsWith(`> ${s.usedOfLimit}`)), resource).toBe(true);
        expect(steps.has(s.usedOfLimit), resource).toBe(true);
      }
      if (s.lagSeconds !== undefined) expect(own.some((a) => a.expr.endsWith(`> ${s.lagSeconds}`)), resource).toBe(true);
      if (s.hitRatioBelow !== undefined) expect(own.filter((a) => a.expr.endsWith(`< ${s.hitRatioBelow}`)).length, resource).toBe(2);
      if (s.queueGrowth !== undefined) expect(own.every((a) => a.expr.includes(`>= ${s.queueGrowth!.minItems} and`) && a.expr.includes(`>= ${s.queueGrowth!.factor} * clamp_min(`)), resource).toBe(true);
      if (s.none !== undefined) expect(own, resource).toEqual([]);
    }
  });

  it('writes the label filters of a row as PromQL matchers that select what the load engine matches', () => {
    // cAdvisor: not the pause container (POD) and not the cgroup roll-up (no container label).
    expect(selector('container_cpu_usage_seconds_total')).toBe('container_cpu_usage_seconds_total{container!~"|POD",image!~"|POD"}');
    expect(catalogueRows('container_cpu_usage_seconds_total', { container: 'POD', image: 'x' })).toEqual([]);
    expect(catalogueRows('container_cpu_usage_seconds_total', { container: 'api', image: 'x' })).toHaveLength(1);
    expect(selector('node_cpu_seconds_total', { role: 'limit' })).toBe('node_cpu_seconds_total{mode="idle"}');
    expect(selector('node_network_receive_bytes_total')).toBe('node_network_receive_bytes_total{device!="lo"}');
    expect(() => selector('no_such_family_total')).toThrow(/not in core\/metric-families.ts/);
  });
});
