import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tmpDir } from '../helpers/cli.js';
import { closeAll, startTarget, type DemoTarget } from './helpers.js';

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));
const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.scenario.ts')).sort();

let t: DemoTarget;
beforeAll(async () => {
  t = await startTarget();
});
afterAll(closeAll);

interface LoadJson {
  passed: boolean;
  totals: { requests: number; errors: number };
  thresholds: { metric: string; expression: string; actual: number; ok: boolean }[];
  scenarios: { name: string; iterations: number }[];
}

describe('examples/', () => {
  it('has the six example scenarios the docs name', () => {
    expect(files).toEqual(['api-gateway.scenario.ts', 'data-layer.scenario.ts', 'model-gateway.scenario.ts', 'task-execution.scenario.ts', 'tool-execution.scenario.ts', 'user-journey.scenario.ts']);
    const config = readFileSync(path.join(EXAMPLES, 'gonogo.config.yaml'), 'utf8');
    for (const f of files) expect(config).toContain(`- ${f}`);
  });

  it('gonogo.config.yaml is valid', async () => {
    const r = await runCli(['config', 'check'], { cwd: EXAMPLES, timeoutMs: 30_000 });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  // Each example, briefly (10 users for 2 s), against a fresh demo target: its thresholds
  // (p95 < 500 ms, errors < 1 %, >= 100 req/s, checks > 99 %) must pass.
  it.each(files)('%s passes its thresholds against the demo target', async (file) => {
    const out = path.join(tmpDir('gonogo-examples-'), 'result.json');
    const r = await runCli(['load', '--scenario', file, '-c', '10', '-d', '2s', '--workers', '1', '-q', '--out', out, t.url], { cwd: EXAMPLES, timeoutMs: 60_000 });
    const result = JSON.parse(readFileSync(out, 'utf8')) as LoadJson;
    const failed = result.thresholds.filter((x) => !x.ok).map((x) => `${x.metric}: ${x.expression} (actual ${x.actual})`);
    expect(failed, r.stdout).toEqual([]);
    expect(r.code).toBe(0);
    expect(result.passed).toBe(true);
    expect(result.scenarios.map((s) => s.name)).toEqual([file.replace('.scenario.ts', '')]);
    expect(result.scenarios[0]!.iterations).toBeGreaterThan(10);
    expect(result.totals.errors).toBe(0);
    const expressions = result.thresholds.map((x) => `${x.metric}: ${x.expression}`);
    for (const sla of ['http_req_duration: p(95)<500', 'http_req_failed: rate<0.01', 'http_reqs: rate>=100', 'checks: rate>0.99']) expect(expressions).toContain(sla);
  });
});
