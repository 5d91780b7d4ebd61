import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import type { Ctx } from '../http/context.js';
import type { Route } from '../http/router.js';
import { DEFAULT_MAX_TOKENS, MAX_TOKENS_LIMIT, MODEL_NAME, countTokens, generateTokens } from '../model/generate.js';
import { validBody, type Services } from '../services.js';

const maxTokens = z.number().int().min(1).max(MAX_TOKENS_LIMIT).default(DEFAULT_MAX_TOKENS);
const chat = z
  .object({
    model: z.string().max(100).optional(),
    messages: z.array(z.object({ role: z.enum(['system', 'user', 'assistant']), content: z.string().max(100_000) }).strict()).min(1).max(100),
    max_tokens: maxTokens,
    stream: z.boolean().default(false),
  })
  .strict();
const generate = z.object({ model: z.string().max(100).optional(), prompt: z.string().max(100_000), max_tokens: maxTokens, stream: z.boolean().default(false) }).strict();

/** Emit tokens as Server-Sent Events: the first after firstTokenMs + tokenLatencyMs, then one every tokenLatencyMs; stops early if the client leaves. */
async function streamTokens(ctx: Ctx, s: Services, tokens: string[], frame: (token: string, last: boolean) => unknown): Promise<void> {
  const out = s.send.stream(ctx, 'text/event-stream; charset=utf-8');
  let gone = false;
  ctx.res.once('close', () => (gone = true));
  // Token i is due at start + firstTokenMs + (i + 1) x tokenLatencyMs: a timer that fires late (a busy event loop)
  // is made up on the next token instead of adding up over the stream.
  const start = performance.now() + s.knobs().firstTokenMs;
  for (let i = 0; i < tokens.length && !gone; i++) {
    const wait = start + (i + 1) * s.knobs().tokenLatencyMs - performance.now();
    if (wait >= 1) await sleep(wait);
    out.write(`data: ${JSON.stringify(frame(tokens[i]!, i === tokens.length - 1))}\n\n`);
  }
  out.write('data: [DONE]\n\n');
  out.end();
}

const user = { access: 'user', limited: true, faults: true } as const;

export const modelRoutes: Route<Services>[] = [
  {
    method: 'POST', pattern: '/api/model/chat', ...user,
    handler: async (ctx, s) => {
      const body = validBody(ctx, s, chat);
      if (!body) return;
      const prompt = body.messages.map((m) => m.content).join('\n');
      const tokens = generateTokens(prompt, body.max_tokens);
      const id = `chatcmpl-${randomUUID()}`;
      const created = Math.floor(Date.now() / 1000);
      const model = body.model ?? MODEL_NAME;
      if (body.stream) {
        await streamTokens(ctx, s, tokens, (t, last) => ({ id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta: { content: t }, finish_reason: last ? 'stop' : null }] }));
        return;
      }
      await sleep(tokens.length * s.knobs().tokenLatencyMs);
      const prompt_tokens = countTokens(prompt);
      s.send.json(ctx, 200, {
        id, object: 'chat.completion', created, model,
        choices: [{ index: 0, message: { role: 'assistant', content: tokens.join('') }, finish_reason: 'stop' }],
        usage: { prompt_tokens, completion_tokens: tokens.length, total_tokens: prompt_tokens + tokens.length },
      });
    },
  },
  {
    method: 'POST', pattern: '/api/model/generate', ...user,
    handler: async (ctx, s) => {
      const body = validBody(ctx, s, generate);
      if (!body) return;
      const tokens = generateTokens(body.prompt, body.max_tokens);
      const id = `gen-${randomUUID()}`;
      const model = body.model ?? MODEL_NAME;
      if (body.stream) {
        await streamTokens(ctx, s, tokens, (t, last) => ({ id, model, token: t, done: last }));
        return;
      }
      await sleep(tokens.length * s.knobs().tokenLatencyMs);
      const prompt_tokens = countTokens(body.prompt);
      s.send.json(ctx, 200, { id, model, text: tokens.join(''), usage: { prompt_tokens, completion_tokens: tokens.length, total_tokens: prompt_tokens + tokens.length } });
    },
  },
];
