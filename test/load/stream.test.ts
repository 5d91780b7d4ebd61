import type http from 'node:http';
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { runLoadJson } from '../helpers/cli.js';
import { httpServer, serverPool } from '../helpers/servers.js';
import { closeAll, login, startTarget } from '../demo/helpers.js';
import path from 'node:path';
import { runScenario, scenarioDir } from './scenario-helpers.js';

const { track } = serverPool(afterEach);

/** An SSE route: `events` events, the first after `first` ms, then one every `gap` ms. */
function sse(first: number, gap: number, events: number, seen: { accept: string[] }) {
  return (req: http.IncomingMessage, res: http.ServerResponse) => {
    seen.accept.push(String(req.headers.accept));
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write(': connected\n\n');
    let i = 0;
    const next = () => {
      res.write(`data: {"token":"t${i}"}\n\n`);
      if (++i < events) setTimeout(next, gap);
      else res.end('data: [DONE]\n\n');
    };
    setTimeout(next, first);
  };
}

describe('gonogo load --sse', () => {
  it('counts events per stream, times the first event and the gaps, and thresholds read them', async () => {
    const seen = { accept: [] as string[] };
    const srv = await track(httpServer(sse(30, 10, 4, seen)));
    const { r, j } = await runLoadJson(['load', srv.url, '--sse', '-c', '2', '-d', '2s', '--workers', '1', '-q', '--threshold', 'stream:first_event p(50)>=30', '--threshold', 'stream:event_gap: p(50)<5', '--threshold', 'stream:events: count>0']);
    expect(r.code, r.stderr).toBe(1); // the gap bound must fail: gaps are ~10 ms
    expect(seen.accept[0]).toBe('text/event-stream');
    const st = j.stream;
    expect(j.totals.errors).toBe(0);
    // 4 tokens + [DONE] per stream; the comment is not an event.
    expect(st.streams).toBe(j.totals.requests);
    expect(st.events).toBe(5 * st.streams);
    expect(st.firstEventMs.count).toBe(st.streams);
    expect(st.eventGapMs.count).toBe(4 * st.streams);
    expect(st.firstEventMs.p50).toBeGreaterThanOrEqual(30);
    expect(st.eventGapMs.p95).toBeGreaterThanOrEqual(9);
    expect(st.firstEventHdr).toMatch(/^HISTFAA/);
    expect(j.endpoints[0].stream.events).toBe(st.events);
    expect(j.thresholds.map((t: { ok: boolean }) => t.ok)).toEqual([true, false, true]);
  });

  it('ndjson: chunked JSON lines are events', async () => {
    const srv = await track(
      httpServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/x-ndjson' });
        res.write('{"n":1}\n');
        setTimeout(() => res.end('{"n":2}\n{"n":3}\n'), 5);
      }),
    );
    const { r, j } = await runLoadJson(['load', srv.url, '--stream', 'ndjson', '-c', '1', '-d', '1s', '--workers', '1', '-q']);
    expect(r.code, r.stderr).toBe(0);
    expect(j.stream.events).toBe(3 * j.stream.streams);
    expect(j.stream.streams).toBe(j.totals.requests);
  });

  it('bad streams are classified and the run completes: no event ever, an event over 1 MiB, a success with no event', async () => {
    const silent = await track(httpServer((_req, res) => res.writeHead(200, { 'content-type': 'text/event-stream' }).write(': still here\n\n')));
    const huge = await track(httpServer((_req, res) => res.writeHead(200, { 'content-type': 'text/event-stream' }).end(`data: ${'x'.repeat(1024 * 1024 + 10)}\n\n`)));
    const empty = await track(httpServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"not":"a stream"}')));
    const t0 = performance.now();
    const [a, b, c] = await Promise.all([
      runLoadJson(['load', silent.url, '--sse', '-c', '2', '-d', '1s', '--timeout', '300ms', '--workers', '1', '-q']),
      runLoadJson(['load', huge.url, '--sse', '-c', '1', '-d', '1s', '--workers', '1', '-q']),
      runLoadJson(['load', empty.url, '--sse', '-c', '1', '-d', '1s', '--workers', '1', '-q']),
    ]);
    expect(performance.now() - t0).toBeLessThan(20_000);
    for (const x of [a, b, c]) expect(x.r.code, x.r.stderr).toBe(0);
    expect(Object.keys(a.j.errorClasses)).toEqual(['timeout']);
    expect(a.j.totals.errors).toBeGreaterThanOrEqual(2);
    expect(a.j.stream).toBeUndefined();
    expect(Object.keys(b.j.errorClasses)).toEqual(['stream']);
    expect(b.j.totals.errors).toBe(b.j.totals.requests);
    expect(Object.keys(c.j.errorClasses)).toEqual(['stream']);
    expect(c.j.totals.errors).toBe(c.j.totals.requests);
    expect(c.j.totals.requests).toBeGreaterThan(0);
  });

  it("times the reference service's model gateway: time to first token follows its firstTokenMs knob", async () => {
    const t = await startTarget({ knobs: { tokenLatencyMs: 5, firstTokenMs: 40 } });
    try {
      const token = await login(t);
      const { r, j } = await runLoadJson(['load', new URL('/api/model/generate', t.url).href, '--sse', '-m', 'POST', '-H', `Authorization: Bearer ${token}`, '-H', 'Content-Type: application/json', '-b', JSON.stringify({ prompt: 'hi', max_tokens: 5, stream: true }), '-c', '2', '-d', '1500ms', '--workers', '1', '-q', '--threshold', 'stream:first_event p(50)>=45']);
      expect(r.code, r.stderr).toBe(0);
      expect(j.totals.errors).toBe(0);
      expect(j.stream.events).toBe(6 * j.stream.streams); // 5 tokens + [DONE]
      // The last token is due 40 + 5 x 5 ms after the stream starts (a late timer is made up); Node's timers run on a
      // millisecond clock and can fire up to 1 ms early against performance.now() (64.4–64.8 ms seen on CI-like runs).
      expect(j.latencyMs.min).toBeGreaterThanOrEqual(64);
      expect(j.stream.eventGapMs.count).toBe(5 * j.stream.streams);
    } finally {
      await closeAll();
    }
  });

  it('--max-event-size: a 2 KiB event is a stream error under a 1000-byte limit and fine under the default', async () => {
    const big = await track(httpServer((_req, res) => res.writeHead(200, { 'content-type': 'text/event-stream' }).end(`data: ${'x'.repeat(2048)}\n\ndata: [DONE]\n\n`)));
    const [limited, plain] = await Promise.all([
      runLoadJson(['load', big.url, '--sse', '--max-event-size', '1000', '-c', '1', '-d', '1s', '--workers', '1', '-q']),
      runLoadJson(['load', big.url, '--sse', '-c', '1', '-d', '1s', '--workers', '1', '-q']),
    ]);
    expect(limited.r.code, limited.r.stderr).toBe(0);
    expect(Object.keys(limited.j.errorClasses)).toEqual(['stream']);
    expect(limited.j.totals.errors).toBe(limited.j.totals.requests);
    expect(plain.j.totals.errors).toBe(0);
    expect(plain.j.stream.events).toBe(2 * plain.j.totals.requests);
    const bad = await runLoadJson(['load', big.url, '--max-event-size', '1000', '-q']);
    expect(bad.r.code).toBe(2);
    expect(bad.r.stderr).toMatch(/--max-event-size applies to streamed responses only/);
    const zero = await runLoadJson(['load', big.url, '--sse', '--max-event-size', '0', '-q']);
    expect(zero.r.code).toBe(2);
    expect(zero.r.stderr).toMatch(/--max-event-size/);
  });

  it('rejects an unknown stream kind with exit 2', async () => {
    const { r } = await runLoadJson(['load', 'http://127.0.0.1:9/', '--stream', 'websocket', '-q']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown stream kind "websocket"/);
    expect(r.stderr).toMatch(/sse, ndjson/);
  });
});

describe("scenario files: { stream: 'sse' }", () => {
  it('times the events of a streamed request per endpoint; a 2xx without events fails as stream', async () => {
    const seen = { accept: [] as string[] };
    const srv = await track(
      httpServer((req, res) => {
        if (req.url === '/flat') return void res.end('{"no":"events"}');
        sse(20, 5, 3, seen)(req, res);
      }),
    );
    const dir = scenarioDir({
      'tokens.scenario.ts': `import { defineScenario } from 'gonogo';
export default defineScenario({
  name: 'tokens',
  executor: { type: 'constant-users', users: 2, duration: '1s' },
  thresholds: { 'stream:first_event{name:GET /tokens}': ['p(50)>=20'] },
  async run(vu) {
    await vu.http.get('/tokens', { stream: 'sse' });
    await vu.http.get('/flat', { stream: 'ndjson' });
  },
});
`,
    });
    const r = await runScenario(path.join(dir, 'tokens.scenario.ts'), srv.url);
    const tokens = r.endpoints.find((e) => e.name === 'GET /tokens')!;
    const flat = r.endpoints.find((e) => e.name === 'GET /flat')!;
    expect(tokens.errors).toBe(0);
    expect(tokens.stream!.streams).toBe(tokens.requests);
    expect(tokens.stream!.events).toBe(4 * tokens.requests); // 3 tokens + [DONE]
    expect(tokens.stream!.firstEventMs.p50).toBeGreaterThanOrEqual(20);
    // '{"no":"events"}' has no line end: not one JSON line completed.
    expect(flat.errors).toBe(flat.requests);
    expect(flat.errorClasses).toEqual({ stream: flat.requests });
    expect(r.thresholds.every((t) => t.ok)).toBe(true);
  });
});
