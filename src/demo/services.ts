import type { z } from 'zod';
import type { LoginThrottle } from './auth/login-throttle.js';
import type { TokenService } from './auth/tokens.js';
import type { UserDirectory } from './auth/users.js';
import type { Ctx } from './http/context.js';
import type { Responder } from './http/respond.js';
import type { Knobs } from './knobs.js';
import type { DemoMetrics } from './metrics.js';
import type { ItemRepository } from './store/items.js';
import type { TaskQueue } from './tasks/task-queue.js';

/** What route handlers reach: the parts of one running demo target. */
export interface Services {
  send: Responder;
  store: ItemRepository;
  tasks: TaskQueue;
  tokens: TokenService;
  users: UserDirectory;
  throttle: LoginThrottle;
  metrics: DemoMetrics;
  knobs(): Knobs;
  /** Validate and apply a partial update; throws KnobsError. */
  setKnobs(patch: unknown): Knobs;
  startedAt: number;
  tls: boolean;
  /** False once close() began: /health/ready answers 503. */
  accepting(): boolean;
}

/** The body checked against a schema; on failure the 400/415 answer is sent and undefined returned. */
export function validBody<T extends z.ZodType>(ctx: Ctx, s: Services, schema: T, opts: { form?: boolean } = {}): z.infer<T> | undefined {
  if (ctx.bodyInvalid) {
    s.send.error(ctx, 400, 'malformed JSON body');
    return undefined;
  }
  if (ctx.bodyKind !== 'json' && !(opts.form && ctx.bodyKind === 'form')) {
    s.send.error(ctx, 415, opts.form ? 'send a JSON or form body' : 'send a JSON body (Content-Type: application/json)');
    return undefined;
  }
  const parsed = schema.safeParse(ctx.body);
  if (!parsed.success) {
    s.send.error(ctx, 400, 'invalid request body', undefined, { issues: parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`) });
    return undefined;
  }
  return parsed.data;
}
