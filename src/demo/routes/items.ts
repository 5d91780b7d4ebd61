import { z } from 'zod';
import type { Ctx } from '../http/context.js';
import { query } from '../http/context.js';
import type { Route } from '../http/router.js';
import { validBody, type Services } from '../services.js';

const fields = {
  name: z.string().trim().min(1).max(200),
  description: z.string().max(5000),
  tags: z.array(z.string().trim().min(1).max(50)).max(20),
};
const createItem = z.object({ name: fields.name, description: fields.description.default(''), tags: fields.tags.default([]) }).strict();
const replaceItem = createItem;
const patchItem = z.object(fields).partial().strict();

function intParam(ctx: Ctx, s: Services, name: string, value: string | null, def: number, min: number, max: number): number | undefined {
  if (value === null || value === '') return def;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    s.send.error(ctx, 400, `query parameter ${name} must be an integer from ${min} to ${max}`);
    return undefined;
  }
  return n;
}

async function found(ctx: Ctx, s: Services): ReturnType<Services['store']['get']> {
  const item = await s.store.get(ctx.params.id!);
  if (!item) s.send.error(ctx, 404, 'no such item');
  return item;
}

type R = Route<Services>;
const user = { access: 'user', limited: true, faults: true } as const;

export const itemRoutes: R[] = [
  {
    method: 'GET', pattern: '/api/items', ...user,
    handler: async (ctx, s) => {
      const q = query(ctx);
      const limit = intParam(ctx, s, 'limit', q.get('limit'), 20, 1, 100);
      if (limit === undefined) return;
      const offset = intParam(ctx, s, 'offset', q.get('offset'), 0, 0, 1_000_000);
      if (offset === undefined) return;
      const { total, items } = await s.store.search((q.get('q') ?? '').slice(0, 200), q.get('tag') ?? undefined, limit, offset);
      s.send.json(ctx, 200, { total, limit, offset, items });
    },
  },
  {
    method: 'POST', pattern: '/api/items', ...user,
    handler: async (ctx, s) => {
      const body = validBody(ctx, s, createItem);
      if (!body) return;
      const item = await s.store.create(body, ctx.user!.username);
      s.send.json(ctx, 201, item, ['Location', `/api/items/${item.id}`]);
    },
  },
  {
    method: 'GET', pattern: '/api/items/:id', ...user,
    handler: async (ctx, s) => {
      const item = await found(ctx, s);
      if (item) s.send.json(ctx, 200, item);
    },
  },
  {
    method: 'PUT', pattern: '/api/items/:id', ...user,
    handler: async (ctx, s) => {
      if (!(await found(ctx, s))) return;
      const body = validBody(ctx, s, replaceItem);
      if (body) s.send.json(ctx, 200, await s.store.update(ctx.params.id!, body));
    },
  },
  {
    method: 'PATCH', pattern: '/api/items/:id', ...user,
    handler: async (ctx, s) => {
      if (!(await found(ctx, s))) return;
      const body = validBody(ctx, s, patchItem);
      if (body) s.send.json(ctx, 200, await s.store.update(ctx.params.id!, body));
    },
  },
  {
    method: 'DELETE', pattern: '/api/items/:id', ...user,
    handler: async (ctx, s) => {
      if (await s.store.delete(ctx.params.id!)) s.send.json(ctx, 200, { deleted: ctx.params.id });
      else s.send.error(ctx, 404, 'no such item');
    },
  },
];
