import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The package root (two levels up from src/run or dist/run): where examples/ lives in a clone. */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const EXAMPLE_CONFIG_NAMES = ['gonogo.config.ts', 'gonogo.config.mjs', 'gonogo.config.js', 'gonogo.config.yaml', 'gonogo.config.yml', 'gonogo.config.json'];

/** The example config for the reference service, when this build ships one. */
export function exampleConfigFile(root = PACKAGE_ROOT): string | undefined {
  return EXAMPLE_CONFIG_NAMES.map((n) => `${root}examples/${n}`).find((f) => existsSync(f));
}

/**
 * The demo's own config when there is no example config: a short closed-model load against the
 * reference service's API with the launch thresholds, and a checklist that shows both kinds of item.
 */
export function builtInDemoConfig(target: string): Record<string, unknown> {
  return {
    target,
    load: { url: '/api/info', connections: 16, duration: '8s', thresholds: ['p(95)<500', 'rate<0.01', 'rps>=100'] },
    checklist: {
      Performance: [
        { title: 'p95 latency under 500 ms', threshold: 'p(95)<500' },
        { title: 'Error rate under 1%', threshold: 'rate<0.01' },
      ],
      Monitoring: [{ title: 'Alerts page the on-call engineer' }],
      Infrastructure: [{ title: 'Rollback procedure rehearsed', attested: { by: 'demo@example.com', on: '2026-01-15', evidence: 'https://example.com/runbooks/rollback' } }],
    },
  };
}
