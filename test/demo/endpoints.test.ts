import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../src/demo/routes/index.js';
import { ENDPOINTS } from '../../src/demo/routes/endpoints.js';
import { closeAll, login, raw, startTarget, type DemoTarget } from './helpers.js';

let t: DemoTarget;
let token: string;
beforeAll(async () => {
  t = await startTarget({ knobs: { taskDurationMs: 5, tokenLatencyMs: 1 } });
  token = await login(t);
});
afterAll(closeAll);

describe('API gateway', () => {
  it('answers liveness, readiness and info', async () => {
    expect((await raw(t.url, 'GET', '/health/live')).json()).toEqual({ status: 'ok' });
    const ready = await raw(t.url, 'GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready', checks: { store: { status: 'ok' }, queue: { status: 'ok', concurrency: 4 } } });
    const info = (await raw(t.url, 'GET', '/api/info')).json();
    expect(info.service).toBe('gonogo-demo-target');
    expect(info.endpoints).toContainEqual({ method: 'POST', path: '/api/tasks', auth: 'user' });
    expect(JSON.stringify(info)).not.toMatch(/node|v\d+\.\d+\.\d+/i);
  });

  it('lists in /api/info exactly the routes it serves', () => {
    const served = ROUTES.filter((r) => r.pattern !== '/').map((r) => `${r.method} ${r.pattern}`).sort();
    expect(ENDPOINTS.map((e) => `${e.method} ${e.path}`).sort()).toEqual(served);
    for (const e of ENDPOINTS) expect(e.auth === 'none' ? 'public' : e.auth).toBe(ROUTES.find((r) => r.method === e.method && r.pattern === e.path)!.access);
  });

  it('answers HEAD like GET without a body, 404 for unknown paths and 405 with Allow for a wrong method', async () => {
    const head = await raw(t.url, 'HEAD', '/health/live');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect((await raw(t.url, 'GET', '/nope')).status).toBe(404);
    const wrong = await raw(t.url, 'DELETE', '/health/live');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.allow).toBe('GET, HEAD');
    const options = await raw(t.url, 'OPTIONS', '/api/items');
    expect(options.status).toBe(204);
    expect(options.headers.allow).toBe('GET, POST, HEAD, OPTIONS');
  });
});

describe('data layer', () => {
  it('creates, reads, updates, searches and deletes items', async () => {
    const created = await raw(t.url, 'POST', '/api/items', { token, body: { name: 'Blue Lamp', description: 'a desk lamp', tags: ['lighting'] } });
    expect(created.status).toBe(201);
    const item = created.json();
    expect(created.headers.location).toBe(`/api/items/${item.id}`);
    expect(item).toMatchObject({ name: 'Blue Lamp', owner: 'demo', tags: ['lighting'] });

    expect((await raw(t.url, 'GET', `/api/items/${item.id}`, { token })).json()).toEqual(item);
    const patched = (await raw(t.url, 'PATCH', `/api/items/${item.id}`, { token, body: { description: 'a bright desk lamp' } })).json();
    expect(patched).toMatchObject({ name: 'Blue Lamp', description: 'a bright desk lamp' });
    const replaced = (await raw(t.url, 'PUT', `/api/items/${item.id}`, { token, body: { name: 'Green Lamp' } })).json();
    expect(replaced).toMatchObject({ name: 'Green Lamp', description: '', tags: [] });

    await raw(t.url, 'POST', '/api/items', { token, body: { name: 'Chair', tags: ['furniture'] } });
    const search = (await raw(t.url, 'GET', '/api/items?q=green', { token })).json();
    expect(search.total).toBe(1);
    expect(search.items[0].id).toBe(item.id);
    expect((await raw(t.url, 'GET', '/api/items?tag=furniture', { token })).json().items.map((i: { name: string }) => i.name)).toEqual(['Chair']);
    expect((await raw(t.url, 'GET', '/api/items?limit=1', { token })).json().items).toHaveLength(1);

    expect((await raw(t.url, 'DELETE', `/api/items/${item.id}`, { token })).status).toBe(200);
    expect((await raw(t.url, 'GET', `/api/items/${item.id}`, { token })).status).toBe(404);
    expect((await raw(t.url, 'DELETE', `/api/items/${item.id}`, { token })).status).toBe(404);
  });

  it('rejects invalid bodies and parameters with 400/415 and a list of problems', async () => {
    const bad = await raw(t.url, 'POST', '/api/items', { token, body: { name: '', extra: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.json().issues.join(' ')).toMatch(/name/);
    expect((await raw(t.url, 'POST', '/api/items', { token, body: 'name=x', headers: { 'content-type': 'text/plain' } })).status).toBe(415);
    expect((await raw(t.url, 'GET', '/api/items?limit=1000', { token })).status).toBe(400);
  });
});

describe('task execution', () => {
  it('runs a submitted task: 202, status, then the result', async () => {
    const sub = await raw(t.url, 'POST', '/api/tasks', { token, body: { kind: 'wordcount', input: 'one two three' } });
    expect(sub.status).toBe(202);
    const id = sub.json().id as string;
    let status = sub.json().status as string;
    expect(['queued', 'running']).toContain(status);
    const early = await raw(t.url, 'GET', `/api/tasks/${id}/result`, { token });
    if (early.status === 409) expect(early.json().taskStatus).toMatch(/queued|running/);
    for (let i = 0; i < 100 && status !== 'succeeded'; i++) {
      await new Promise((r) => setTimeout(r, 10));
      status = (await raw(t.url, 'GET', `/api/tasks/${id}`, { token })).json().status;
    }
    expect(status).toBe('succeeded');
    expect((await raw(t.url, 'GET', `/api/tasks/${id}/result`, { token })).json()).toEqual({ id, status: 'succeeded', result: { words: 3, characters: 13 } });
  });

  it('hides other users\' tasks and refuses unknown kinds', async () => {
    const id = (await raw(t.url, 'POST', '/api/tasks', { token, body: { kind: 'sha256', input: 'x' } })).json().id;
    const alice = await login(t, 'alice');
    expect((await raw(t.url, 'GET', `/api/tasks/${id}`, { token: alice })).status).toBe(404);
    expect((await raw(t.url, 'POST', '/api/tasks', { token, body: { kind: 'shell', input: 'ls' } })).status).toBe(400);
  });
});

describe('model gateway', () => {
  it('answers a chat completion in the OpenAI shape', async () => {
    const r = await raw(t.url, 'POST', '/api/model/chat', { token, body: { messages: [{ role: 'user', content: 'Is it ready?' }], max_tokens: 8 } });
    expect(r.status).toBe(200);
    const body = r.json();
    expect(body.object).toBe('chat.completion');
    expect(body.choices[0].message.role).toBe('assistant');
    expect(body.choices[0].message.content.split(' ')).toHaveLength(8);
    expect(body.usage).toMatchObject({ completion_tokens: 8, prompt_tokens: 4, total_tokens: 12 });
  });

  it('generates text deterministically from the prompt', async () => {
    const a = (await raw(t.url, 'POST', '/api/model/generate', { token, body: { prompt: 'launch plan', max_tokens: 5 } })).json();
    const b = (await raw(t.url, 'POST', '/api/model/generate', { token, body: { prompt: 'launch plan', max_tokens: 5 } })).json();
    expect(a.text).toBe(b.text);
    expect(a.usage.completion_tokens).toBe(5);
  });
});

describe('tool execution', () => {
  it('lists the built-in tools and runs them', async () => {
    const list = (await raw(t.url, 'GET', '/api/tools', { token })).json();
    expect(list.tools.map((x: { name: string }) => x.name)).toEqual(['echo', 'word_count', 'calculator', 'sha256']);
    const run = (name: string, input: unknown) => raw(t.url, 'POST', `/api/tools/${name}/run`, { token, body: { input } });
    expect((await run('echo', { text: 'hi' })).json().output).toEqual({ text: 'hi' });
    expect((await run('word_count', { text: 'a b\nc' })).json().output).toEqual({ words: 3, lines: 2, characters: 5 });
    expect((await run('calculator', { expression: '2 * (3 + 4) ^ 2' })).json().output).toEqual({ value: 98 });
    expect((await run('sha256', { text: '' })).json().output.sha256).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect((await run('calculator', { expression: '1/0' })).status).toBe(422);
    expect((await run('calculator', { expr: '1' })).status).toBe(400);
    expect((await run('shell', { cmd: 'id' })).status).toBe(404);
  });
});
