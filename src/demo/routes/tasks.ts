import { z } from 'zod';
import type { Ctx } from '../http/context.js';
import type { Route } from '../http/router.js';
import { validBody, type Services } from '../services.js';
import type { Task } from '../tasks/task-queue.js';
import { TASK_KINDS, type TaskKind } from '../tasks/task-kinds.js';

const submit = z
  .object({
    kind: z.enum(Object.keys(TASK_KINDS) as [TaskKind, ...TaskKind[]]),
    input: z.string().max(100_000),
    /** Simulated work time; default from the taskDurationMs knob. */
    durationMs: z.number().int().min(0).max(60_000).optional(),
  })
  .strict();

function view(t: Task) {
  const { input: _input, result: _result, ...rest } = t;
  return { ...rest, links: { self: `/api/tasks/${t.id}`, result: `/api/tasks/${t.id}/result` } };
}

function owned(ctx: Ctx, s: Services): Task | undefined {
  const t = s.tasks.get(ctx.params.id!);
  // Someone else's task is answered like a missing one: ids are not a way to peek at others' work.
  if (!t || (t.owner !== ctx.user!.username && ctx.user!.role !== 'admin')) {
    s.send.error(ctx, 404, 'no such task');
    return undefined;
  }
  return t;
}

const user = { access: 'user', limited: true, faults: true } as const;

export const taskRoutes: Route<Services>[] = [
  {
    method: 'POST', pattern: '/api/tasks', ...user,
    handler: (ctx, s) => {
      const body = validBody(ctx, s, submit);
      if (!body) return;
      const t = s.tasks.submit(body.kind, body.input, ctx.user!.username, body.durationMs ?? s.knobs().taskDurationMs);
      if (!t) {
        s.send.error(ctx, 503, 'task queue is full; try again later', ['Retry-After', '1']);
        return;
      }
      s.send.json(ctx, 202, view(t), ['Location', `/api/tasks/${t.id}`]);
    },
  },
  {
    method: 'GET', pattern: '/api/tasks/:id', ...user,
    handler: (ctx, s) => {
      const t = owned(ctx, s);
      if (t) s.send.json(ctx, 200, view(t));
    },
  },
  {
    method: 'GET', pattern: '/api/tasks/:id/result', ...user,
    handler: (ctx, s) => {
      const t = owned(ctx, s);
      if (!t) return;
      if (t.status === 'succeeded') s.send.json(ctx, 200, { id: t.id, status: t.status, result: t.result });
      else if (t.status === 'failed') s.send.json(ctx, 200, { id: t.id, status: t.status, error: t.error });
      // Not done yet: 409 with the status, so a client polls /api/tasks/:id until it is.
      else s.send.error(ctx, 409, `task is ${t.status}`, ['Retry-After', '1'], { id: t.id, taskStatus: t.status });
    },
  },
];
