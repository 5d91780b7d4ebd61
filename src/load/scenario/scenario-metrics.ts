import type { ExtraMetrics } from '../metrics-view.js';
import { sum } from '../metrics-view.js';
import type { ScenarioTotals } from './totals.js';

/**
 * What a scripted run adds to the shared metrics view (request metrics come from the aggregate):
 * `checks` by scenario/check/name, iterations and dropped iterations per scenario, and custom
 * metrics (and iteration_duration) by their tags.
 */
export function scenarioMetrics(t: ScenarioTotals): ExtraMetrics {
  const matches = (have: Record<string, string>, want: Record<string, string>) => Object.entries(want).every(([k, v]) => have[k] === v);
  const customs = (metric: string, tags: Record<string, string>) => [...t.metrics.values()].filter((m) => m.metric === metric && matches(m.tags, tags));
  return {
    trend(metric, tags) {
      return customs(metric, tags).flatMap((m) => (m.hist ? [m.hist] : []));
    },
    rate(metric, tags) {
      if (metric === 'checks') {
        const cs = [...t.checks.values()].filter((c) => (tags.scenario === undefined || c.scenario === tags.scenario) && (tags.check === undefined || c.check === tags.check) && (tags.name === undefined || c.name === tags.name));
        return cs.length ? { passes: sum(cs, (c) => c.passes), total: sum(cs, (c) => c.total) } : undefined;
      }
      const ms = customs(metric, tags);
      return ms.length ? { passes: sum(ms, (m) => m.value), total: sum(ms, (m) => m.total) } : undefined;
    },
    count(metric, tags) {
      if (metric === 'iterations' || metric === 'dropped_iterations') {
        const ss = [...t.scenarios].filter(([name]) => tags.scenario === undefined || tags.scenario === name).map(([, s]) => s);
        return sum(ss, (s) => (metric === 'iterations' ? s.iterations : s.dropped));
      }
      const ms = customs(metric, tags);
      return ms.length ? sum(ms, (m) => m.value) : undefined;
    },
  };
}
