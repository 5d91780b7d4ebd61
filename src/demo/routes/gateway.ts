import type { Route } from '../http/router.js';
import type { Services } from '../services.js';
import { ENDPOINTS } from './endpoints.js';

type R = Route<Services>;

export const gatewayRoutes: R[] = [
  {
    method: 'GET', pattern: '/', access: 'public', limited: true, faults: true,
    handler: (ctx, s) => s.send.json(ctx, 200, { service: 'gonogo-demo-target', docs: 'docs/demo-target.md', info: '/api/info' }),
  },
  { method: 'GET', pattern: '/health/live', access: 'public', limited: false, faults: true, handler: (ctx, s) => s.send.json(ctx, 200, { status: 'ok' }) },
  {
    method: 'GET', pattern: '/health/ready', access: 'public', limited: false, faults: true,
    handler: (ctx, s) => {
      const queueOk = !s.tasks.full;
      const ready = s.accepting() && queueOk;
      s.send.json(ctx, ready ? 200 : 503, {
        status: ready ? 'ready' : 'not ready',
        checks: { store: { status: 'ok', items: s.store.size() }, queue: { status: queueOk ? 'ok' : 'full', depth: s.tasks.depth, running: s.tasks.active, concurrency: s.tasks.concurrency } },
      });
    },
  },
  {
    method: 'GET', pattern: '/metrics', access: 'public', limited: false, faults: false,
    handler: async (ctx, s) => s.send.text(ctx, 200, s.metrics.contentType, await s.metrics.render()),
  },
  {
    method: 'GET', pattern: '/api/info', access: 'public', limited: true, faults: true,
    handler: (ctx, s) =>
      s.send.json(ctx, 200, {
        service: 'gonogo-demo-target',
        description: 'Reference service for gonogo: API gateway, data layer, task execution, model gateway, tool execution.',
        uptimeSeconds: Math.round((Date.now() - s.startedAt) / 1000),
        auth: { type: 'bearer', login: '/api/auth/login' },
        endpoints: ENDPOINTS,
      }),
  },
];
