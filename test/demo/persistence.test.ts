import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ItemStore } from '../../src/demo/store/item-store.js';
import { closeAll, login, raw, startTarget } from './helpers.js';

const dirs: string[] = [];
const freshDir = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'gonogo-demo-test-'));
  dirs.push(d);
  return d;
};
afterEach(async () => {
  await closeAll();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('persistence', () => {
  it('keeps created, updated and deleted items across a restart with the same data folder', async () => {
    const dataDir = freshDir();
    const first = await startTarget({ dataDir });
    let token = await login(first);
    const a = (await raw(first.url, 'POST', '/api/items', { token, body: { name: 'kept', tags: ['x'] } })).json();
    const b = (await raw(first.url, 'POST', '/api/items', { token, body: { name: 'deleted' } })).json();
    await raw(first.url, 'PATCH', `/api/items/${a.id}`, { token, body: { description: 'updated' } });
    await raw(first.url, 'DELETE', `/api/items/${b.id}`, { token });
    await first.close();

    const second = await startTarget({ dataDir });
    token = await login(second);
    const list = (await raw(second.url, 'GET', '/api/items', { token })).json();
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ id: a.id, name: 'kept', description: 'updated', tags: ['x'] });
    expect((await raw(second.url, 'GET', `/api/items/${b.id}`, { token })).status).toBe(404);
  });

  it('removes its own temporary data folder on close but never a given one', async () => {
    const own = await startTarget();
    await own.close();
    expect(() => readFileSync(path.join(own.dataDir, 'items.jsonl'))).toThrow();
    const dataDir = freshDir();
    const given = await startTarget({ dataDir });
    await given.close();
    expect(readFileSync(path.join(dataDir, 'items.jsonl'), 'utf8')).toBe('');
  });

  it('fails with EADDRINUSE when the port is taken', async () => {
    const first = await startTarget();
    await expect(startTarget({ port: first.port })).rejects.toThrow(/EADDRINUSE/);
  });

  it('skips a line torn by a crash and keeps the rest', async () => {
    const dataDir = freshDir();
    const store = new ItemStore(dataDir);
    const kept = store.create({ name: 'before crash', description: '', tags: [] }, 'demo');
    await store.close();
    appendFileSync(path.join(dataDir, 'items.jsonl'), '{"op":"put","item":{"id":"torn","na');
    const again = new ItemStore(dataDir);
    expect(again.size).toBe(1);
    expect(again.get(kept.id)?.name).toBe('before crash');
    await again.close();
  });

  it('compacts the log when it holds far more lines than items, without losing any', async () => {
    const dataDir = freshDir();
    const store = new ItemStore(dataDir);
    const keep = store.create({ name: 'survivor', description: '', tags: [] }, 'demo');
    for (let i = 0; i < 1200; i++) store.update(keep.id, { description: `rev ${i}` });
    await store.close();
    const lines = readFileSync(path.join(dataDir, 'items.jsonl'), 'utf8').split('\n').filter(Boolean).length;
    expect(lines).toBeLessThan(300);
    const again = new ItemStore(dataDir);
    expect(again.get(keep.id)?.description).toBe('rev 1199');
    await again.close();
  });
});
