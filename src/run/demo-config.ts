import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SECTIONS } from '../core/config/schema.js';

/** The package root (two levels up from src/run or dist/run): where examples/ lives in a clone. */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const EXAMPLE_CONFIG_NAMES = ['gonogo.config.ts', 'gonogo.config.mjs', 'gonogo.config.js', 'gonogo.config.yaml', 'gonogo.config.yml', 'gonogo.config.json'];

/** The example config for the reference service, when this build ships one. */
export function exampleConfigFile(root = PACKAGE_ROOT): string | undefined {
  return EXAMPLE_CONFIG_NAMES.map((n) => path.join(root, 'examples', n)).find((f) => existsSync(f));
}

/** A small project with a launch-review finding or two (a Dockerfile that runs as root) for the demo's scans. */
export function sampleProject(root = PACKAGE_ROOT): string | undefined {
  const dir = path.join(root, 'examples', 'sample-project');
  return existsSync(dir) ? dir : undefined;
}

/** Knobs the demo's reference service starts with: a pool of 2 connections, each statement holding one for 20 ms. */
export const DEMO_KNOBS = { dbPoolSize: 2, dbLatencyMs: 20 } as const;

/** The demo's capacity search: one item search per iteration, stepped from 20/s, within 30 s. */
const DEMO_CAPACITY = { scenario: path.join(PACKAGE_ROOT, 'examples', 'capacity', 'item-search.scenario.ts'), startRate: 20, maxRate: 1000, stepDuration: '3s', timeLimit: '20s', thresholds: ['p(95)<250', 'rate<1%'] };

const has = (key: string) => Object.hasOwn(SECTIONS, key);

/**
 * The demo's Web Vitals of the reference service's UI page: 2 runs (cold and warm), a click on its Search button
 * so INP is measured, and thresholds the healthy page passes with a wide margin on a busy 2-core machine.
 * Idle only: measuring under load too would add about 10 s to the demo.
 */
export const DEMO_PAGES = { urls: [{ url: '/app', interactions: [{ click: '#go' }] }], runs: 2, thresholds: ['lcp p(75)<=2500', 'cls p(75)<=0.1', 'inp p(75)<=200', 'fcp p(75)<=1800', 'ttfb p(75)<=800'] };

/**
 * Sections the demo adds when the config does not have them and this build knows them: scans and the
 * docs review of the sample project, a budgeted probe of the reference service, and its metrics endpoint
 * scraped during the load.
 */
export function demoOverlay(raw: Record<string, unknown>, project: string | undefined, metricsUrl?: string, stressTarget?: string, withPages = true): Record<string, unknown> {
  const out = { ...raw };
  // Without a browser (the README's quick start has only Node) the pages are left out: not covered, never a failure.
  if (withPages && has('pages') && out.pages === undefined) out.pages = DEMO_PAGES;
  // The reference service's own /metrics (pool, cache, CPU, event loop): the report's bottlenecks come from it.
  const load = out.load;
  if (metricsUrl && typeof load === 'object' && load !== null && !('metrics' in load)) out.load = { ...load, metrics: metricsUrl };
  if (project && has('scan') && out.scan === undefined) out.scan = { path: project };
  if (project && has('docs') && out.docs === undefined) out.docs = { paths: [path.join(project, 'README.md')] };
  // The breaking point of the data layer, on a second instance started with a small pool and a slow query (DEMO_KNOBS)
  // so the other parts still meet a healthy service: the search finds its knee (about dbPoolSize / dbLatencyMs
  // queries per second) inside its 20 s, and the pool's metrics name it.
  if (stressTarget && has('capacity') && out.capacity === undefined && existsSync(DEMO_CAPACITY.scenario)) out.capacity = { ...DEMO_CAPACITY, url: stressTarget, metrics: `${stressTarget}/metrics` };
  if (has('probe') && out.probe === undefined) out.probe = { maxRequests: 300 };
  return out;
}

/**
 * The demo's own config when there is no example config: a short closed-model load against the
 * reference service's API with the launch thresholds, and a checklist that shows both kinds of item.
 */
export function builtInDemoConfig(target: string, project = sampleProject(), withPages = true): Record<string, unknown> {
  return demoOverlay(
    {
      target,
      load: { url: '/api/info', connections: 16, duration: '8s', thresholds: ['p(95)<500', 'rate<0.01', 'rps>=100'] },
      checklist: {
        Performance: [
          { title: 'p95 latency under 500 ms', threshold: 'p(95)<500' },
          { title: 'Error rate under 1%', threshold: 'rate<0.01' },
        ],
        Security: [{ title: 'The WAF blocks injection attempts', check: 'waf.*' }],
        Monitoring: [{ title: 'Alerts page the on-call engineer' }],
        Infrastructure: [{ title: 'Rollback procedure rehearsed', attested: { by: 'demo@example.com', date: '2026-01-15', expires: '2027-07-15', evidence: 'https://example.com/runbooks/rollback' } }],
      },
    },
    project,
    `${target}/metrics`,
    undefined,
    withPages,
  );
}
