import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAll, login, raw, startTarget, type DemoTarget } from './helpers.js';

let t: DemoTarget;
beforeAll(async () => {
  t = await startTarget();
  const token = await login(t);
  await raw(t.url, 'GET', '/health/live');
  await raw(t.url, 'GET', '/api/items/a', { token });
  await raw(t.url, 'GET', '/api/items/b', { token });
  await raw(t.url, 'GET', '/api/items?q=%3Cscript%3E', { token });
});
afterAll(closeAll);

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const VALUE = /^(?:[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|NaN|[+-]Inf)$/;

/** Parse the Prometheus text exposition format (0.0.4), failing on any line that breaks its rules. */
function parseExposition(text: string): { types: Map<string, string>; samples: Sample[] } {
  expect(text.endsWith('\n'), 'ends with a line feed').toBe(true);
  const types = new Map<string, string>();
  const helps = new Set<string>();
  const seenSamplesOf = new Set<string>();
  const samples: Sample[] = [];
  const family = (name: string) => {
    for (const suffix of ['_bucket', '_sum', '_count', '']) {
      const base = suffix && name.endsWith(suffix) ? name.slice(0, -suffix.length) : name;
      if (types.has(base) && (suffix === '' || ['histogram', 'summary'].includes(types.get(base)!))) return base;
    }
    return name;
  };
  text.slice(0, -1).split('\n').forEach((line, i) => {
    const where = `line ${i + 1}: ${line}`;
    if (line === '') return;
    if (line.startsWith('#')) {
      const m = /^# (HELP|TYPE) (\S+) (.*)$/.exec(line);
      if (!m) return; // other comments are allowed
      expect(m[2], where).toMatch(NAME);
      if (m[1] === 'TYPE') {
        expect(['counter', 'gauge', 'histogram', 'summary', 'untyped'], where).toContain(m[3]);
        expect(types.has(m[2]!), `${where} (second TYPE)`).toBe(false);
        expect(seenSamplesOf.has(m[2]!), `${where} (TYPE after samples)`).toBe(false);
        types.set(m[2]!, m[3]!);
      } else {
        expect(helps.has(m[2]!), `${where} (second HELP)`).toBe(false);
        expect(m[3], where).not.toMatch(/\\(?![\\n])/); // only \\ and \n escapes in HELP
        helps.add(m[2]!);
      }
      return;
    }
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)(?: (-?\d+))?$/.exec(line);
    expect(m, where).not.toBeNull();
    const [, name, labelText, value] = m!;
    expect(value, where).toMatch(VALUE);
    const labels: Record<string, string> = {};
    if (labelText) {
      const re = /([^=,]+)="((?:[^"\\]|\\[\\"n])*)"(,|$)/gy;
      let lm: RegExpExecArray | null;
      let end = 0;
      while ((lm = re.exec(labelText)) !== null) {
        expect(lm[1], where).toMatch(LABEL);
        expect(labels[lm[1]!], `${where} (duplicate label)`).toBeUndefined();
        labels[lm[1]!] = lm[2]!;
        end = re.lastIndex;
        if (lm[3] === '') break;
      }
      expect(end, `${where} (label syntax)`).toBe(labelText.length);
    }
    seenSamplesOf.add(family(name!));
    samples.push({ name: name!, labels, value: value === '+Inf' ? Infinity : value === '-Inf' ? -Infinity : Number(value) });
  });
  return { types, samples };
}

describe('/metrics', () => {
  it('is served as Prometheus text 0.0.4', async () => {
    const r = await raw(t.url, 'GET', '/metrics');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  });

  it('follows the exposition format line by line, with consistent histograms', async () => {
    const { types, samples } = parseExposition((await raw(t.url, 'GET', '/metrics')).body);
    for (const [name, type] of types) {
      if (type !== 'histogram') continue;
      const series = new Map<string, Sample[]>();
      for (const s of samples.filter((x) => x.name === `${name}_bucket`)) {
        const { le, ...rest } = s.labels;
        expect(le, `${name} bucket without le`).toBeDefined();
        const key = JSON.stringify(rest);
        series.set(key, [...(series.get(key) ?? []), s]);
      }
      for (const [key, buckets] of series) {
        const counts = buckets.map((b) => b.value);
        expect([...counts].sort((a, b) => a - b), `${name}${key} buckets non-decreasing`).toEqual(counts);
        expect(buckets.at(-1)!.labels.le).toBe('+Inf');
        const count = samples.find((s) => s.name === `${name}_count` && JSON.stringify(s.labels) === key);
        expect(count?.value, `${name}${key} _count equals the +Inf bucket`).toBe(counts.at(-1));
        expect(samples.some((s) => s.name === `${name}_sum` && JSON.stringify(s.labels) === key)).toBe(true);
      }
    }
  });

  it('has request counts and latency by route (ids folded into the pattern), process, event-loop and queue metrics', async () => {
    const { types, samples } = parseExposition((await raw(t.url, 'GET', '/metrics')).body);
    expect(types.get('http_requests_total')).toBe('counter');
    expect(types.get('http_request_duration_seconds')).toBe('histogram');
    const count = (route: string, status: string) => samples.find((s) => s.name === 'http_requests_total' && s.labels.route === route && s.labels.status === status)?.value;
    expect(count('/api/items/:id', '404')).toBe(2);
    expect(count('/health/live', '200')).toBe(1);
    expect(samples.some((s) => s.labels.route?.includes('/api/items/a'))).toBe(false);
    expect(samples.find((s) => s.name === 'demo_requests_blocked_total')?.labels.rule).toBe('xss');
    for (const name of ['process_cpu_seconds_total', 'process_resident_memory_bytes', 'nodejs_heap_size_used_bytes', 'nodejs_eventloop_lag_seconds', 'demo_task_queue_depth', 'demo_tasks_running', 'demo_items']) {
      expect(types.has(name), name).toBe(true);
      expect(samples.some((s) => s.name === name), name).toBe(true);
    }
  });
});
