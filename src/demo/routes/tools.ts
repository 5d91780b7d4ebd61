import { z } from 'zod';
import type { Route } from '../http/router.js';
import { validBody, type Services } from '../services.js';
import { CalcError } from '../tools/calculator.js';
import { TOOLS, TOOLS_BY_NAME } from '../tools/tools.js';

const run = z.object({ input: z.unknown() }).strict();
const user = { access: 'user', limited: true, faults: true } as const;

export const toolRoutes: Route<Services>[] = [
  {
    method: 'GET', pattern: '/api/tools', ...user,
    handler: (ctx, s) => s.send.json(ctx, 200, { tools: TOOLS.map((t) => ({ name: t.name, description: t.description, input: t.inputSchema, run: `/api/tools/${t.name}/run` })) }),
  },
  {
    method: 'POST', pattern: '/api/tools/:name/run', ...user,
    handler: (ctx, s) => {
      const tool = TOOLS_BY_NAME.get(ctx.params.name!);
      if (!tool) {
        s.send.error(ctx, 404, 'no such tool');
        return;
      }
      const body = validBody(ctx, s, run);
      if (!body) return;
      const input = tool.input.safeParse(body.input);
      if (!input.success) {
        s.send.error(ctx, 400, 'invalid tool input', undefined, { issues: input.error.issues.map((i) => `input.${i.path.join('.') || '(input)'}: ${i.message}`) });
        return;
      }
      const started = performance.now();
      try {
        const output = tool.run(input.data as never);
        s.send.json(ctx, 200, { tool: tool.name, output, durationMs: Math.round((performance.now() - started) * 1000) / 1000 });
      } catch (err) {
        if (err instanceof CalcError) s.send.error(ctx, 422, err.message, undefined, { tool: tool.name });
        else throw err;
      }
    },
  },
];
