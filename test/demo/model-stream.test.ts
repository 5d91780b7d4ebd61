import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAll, login, startTarget, type DemoTarget } from './helpers.js';

let t: DemoTarget;
let token: string;
beforeAll(async () => {
  t = await startTarget({ knobs: { tokenLatencyMs: 15 } });
  token = await login(t);
});
afterAll(closeAll);

/** POST and collect the SSE frames with the time each arrived. */
function sse(path: string, body: object): Promise<{ status: number; contentType: string; frames: { at: number; data: string }[] }> {
  const u = new URL(path, t.url);
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.request({ host: u.hostname, port: u.port, path: u.pathname, method: 'POST', agent: false, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } }, (res) => {
      const frames: { at: number; data: string }[] = [];
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        buf += d;
        let i;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const frame = buf.slice(0, i);
          buf = buf.slice(i + 2);
          expect(frame.startsWith('data: ')).toBe(true);
          frames.push({ at: performance.now() - t0, data: frame.slice(6) });
        }
      });
      res.on('end', () => resolve({ status: res.statusCode!, contentType: String(res.headers['content-type']), frames }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

describe('model gateway streaming', () => {
  it('streams chat completion chunks one token at a time, then [DONE]', async () => {
    const r = await sse('/api/model/chat', { messages: [{ role: 'user', content: 'stream please' }], max_tokens: 6, stream: true });
    expect(r.status).toBe(200);
    expect(r.contentType).toMatch(/^text\/event-stream/);
    expect(r.frames.at(-1)!.data).toBe('[DONE]');
    const chunks = r.frames.slice(0, -1).map((f) => JSON.parse(f.data));
    expect(chunks).toHaveLength(6);
    expect(chunks.every((c) => c.object === 'chat.completion.chunk')).toBe(true);
    expect(chunks.at(-1).choices[0].finish_reason).toBe('stop');
    const text = chunks.map((c) => c.choices[0].delta.content).join('');
    expect(text.split(' ')).toHaveLength(6);
    // Tokens arrive spread over time (15 ms each), not all at once.
    expect(r.frames.at(-1)!.at - r.frames[0]!.at).toBeGreaterThanOrEqual(60);
  });

  it('streams text generation with the same text as the non-streamed call', async () => {
    const r = await sse('/api/model/generate', { prompt: 'same prompt', max_tokens: 4, stream: true });
    const tokens = r.frames.slice(0, -1).map((f) => JSON.parse(f.data));
    expect(tokens.at(-1).done).toBe(true);
    const whole = await fetch(`${t.url}/api/model/generate`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ prompt: 'same prompt', max_tokens: 4 }) });
    expect(tokens.map((x) => x.token).join('')).toBe(((await whole.json()) as { text: string }).text);
  });

  it('waits firstTokenMs before the first token, then tokenLatencyMs per token', async () => {
    t.setKnobs({ firstTokenMs: 80 });
    try {
      const r = await sse('/api/model/generate', { prompt: 'first token please', max_tokens: 4, stream: true });
      expect(r.status).toBe(200);
      // Token i is due at 80 + (i + 1) x 15 ms; timers never fire early (a late one is made up on the next token).
      expect(r.frames[0]!.at).toBeGreaterThanOrEqual(95);
      expect(r.frames[3]!.at).toBeGreaterThanOrEqual(140);
    } finally {
      t.setKnobs({ firstTokenMs: 0 });
    }
  });
});
