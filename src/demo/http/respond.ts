import type { Ctx } from './context.js';

/** Writes every response, so security headers and metrics can never be forgotten by a handler. */
export interface Responder {
  json(ctx: Ctx, status: number, body: unknown, headers?: string[]): void;
  error(ctx: Ctx, status: number, message: string, headers?: string[], extra?: Record<string, unknown>): void;
  text(ctx: Ctx, status: number, contentType: string, body: string): void;
  /** A response without a body (204). */
  empty(ctx: Ctx, status: number, headers?: string[]): void;
  /** Start a streamed response (SSE); call end() when done. */
  stream(ctx: Ctx, contentType: string): { write(chunk: string): boolean; end(): void };
}

export function createResponder(base: string[], onDone: (ctx: Ctx, status: number) => void): Responder {
  const finish = (ctx: Ctx, status: number) => {
    ctx.done = true;
    onDone(ctx, status);
  };
  const head = (ctx: Ctx, status: number, contentType: string, length: number | undefined, extra: string[] | undefined): boolean => {
    if (ctx.done || ctx.res.headersSent) return false;
    // A route's own CSP (the UI page) replaces the base one: two CSP headers would both apply.
    const h = ctx.headers.includes('Content-Security-Policy') ? withoutCsp(base).concat(ctx.headers) : base.concat(ctx.headers);
    if (extra) for (const x of extra) h.push(x);
    h.push('Content-Type', contentType);
    if (length !== undefined) h.push('Content-Length', String(length));
    ctx.res.writeHead(status, h);
    return true;
  };
  const text = (ctx: Ctx, status: number, contentType: string, body: string, extra?: string[]) => {
    if (!head(ctx, status, contentType, Buffer.byteLength(body), extra)) return;
    // A string (not a Buffer) lets Node send head and body in one write.
    ctx.res.end(ctx.method === 'HEAD' ? undefined : body);
    finish(ctx, status);
  };
  const json = (ctx: Ctx, status: number, body: unknown, extra?: string[]) => text(ctx, status, 'application/json; charset=utf-8', JSON.stringify(body), extra);
  return {
    json,
    text: (ctx, status, contentType, body) => text(ctx, status, contentType, body),
    empty(ctx, status, extra) {
      if (ctx.done || ctx.res.headersSent) return;
      ctx.res.writeHead(status, base.concat(ctx.headers, extra ?? []));
      ctx.res.end();
      finish(ctx, status);
    },
    error: (ctx, status, message, extra, fields) => json(ctx, status, { error: message, status, ...fields }, extra),
    stream(ctx, contentType) {
      const ok = head(ctx, 200, contentType, undefined, ['X-Accel-Buffering', 'no']);
      return {
        write: (chunk) => ok && !ctx.res.destroyed && ctx.res.write(chunk),
        end: () => {
          if (!ok || ctx.done) return;
          ctx.res.end();
          finish(ctx, 200);
        },
      };
    },
  };
}

function withoutCsp(h: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < h.length; i += 2) if (h[i] !== 'Content-Security-Policy') out.push(h[i]!, h[i + 1]!);
  return out;
}
