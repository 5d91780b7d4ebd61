import { z } from 'zod';
import type { Route } from '../http/router.js';
import { validBody, type Services } from '../services.js';

const login = z.object({ username: z.string().min(1).max(200), password: z.string().max(1000) });

export const authRoutes: Route<Services>[] = [
  {
    method: 'POST', pattern: '/api/auth/login', access: 'public', limited: true, faults: true,
    handler: async (ctx, s) => {
      const body = validBody(ctx, s, login, { form: true });
      if (!body) return;
      // Same answers whether or not the user exists: 401 for a bad password, 429 once throttled.
      const wait = s.throttle.retryAfterMs(body.username, ctx.client);
      if (wait > 0) {
        const secs = String(Math.ceil(wait / 1000));
        s.send.error(ctx, 429, 'too many failed logins; try again later', ['Retry-After', secs]);
        return;
      }
      const user = await s.users.verify(body.username, body.password);
      if (!user) {
        s.throttle.fail(body.username, ctx.client);
        s.send.error(ctx, 401, 'invalid username or password', ['WWW-Authenticate', 'Bearer realm="gonogo-demo"']);
        return;
      }
      s.throttle.succeed(body.username);
      s.send.json(ctx, 200, { access_token: await s.tokens.issue(user), token_type: 'Bearer', expires_in: s.tokens.ttlSeconds });
    },
  },
  { method: 'GET', pattern: '/api/auth/me', access: 'user', limited: true, faults: true, handler: (ctx, s) => s.send.json(ctx, 200, ctx.user) },
  // The same at the conventional path, where probes look for a protected endpoint without configuration.
  { method: 'GET', pattern: '/api/me', access: 'user', limited: true, faults: true, handler: (ctx, s) => s.send.json(ctx, 200, ctx.user) },
];
