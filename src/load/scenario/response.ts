import { RESPONSE_META, type HttpResponse } from './api.js';

/**
 * A response handed to scenario code. Headers and body are decoded only when read: most
 * responses in a load test are checked by status alone, and decoding costs more than parsing.
 */
export class ScenarioResponse implements HttpResponse {
  private decodedBody: string | undefined;
  private parsedHeaders: Record<string, string> | undefined;
  readonly [RESPONSE_META]: { scenario: string; name: string };

  constructor(
    readonly status: number,
    readonly ok: boolean,
    readonly error: string | undefined,
    private readonly head: string | undefined,
    private readonly raw: Buffer | undefined,
    readonly durationMs: number,
    readonly name: string,
    readonly method: string,
    readonly path: string,
    scenario: string,
  ) {
    this[RESPONSE_META] = { scenario, name };
  }

  get headers(): Record<string, string> {
    return (this.parsedHeaders ??= parseHeaders(this.head));
  }

  get body(): string {
    return (this.decodedBody ??= this.raw && this.raw.length > 0 ? this.raw.toString('utf8') : '');
  }

  json<T>(): T {
    return JSON.parse(this.body) as T;
  }

  toJSON(): object {
    return { status: this.status, name: this.name, durationMs: this.durationMs, error: this.error };
  }
}

export function parseHeaders(head: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!head) return out;
  const lines = head.split('\r\n');
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    const c = line.indexOf(':');
    if (c <= 0) continue;
    const name = line.slice(0, c).trim().toLowerCase();
    const value = line.slice(c + 1).trim();
    const prev = out[name];
    out[name] = prev === undefined ? value : `${prev}${name === 'set-cookie' ? '\n' : ', '}${value}`;
  }
  return out;
}

const SET_COOKIE = /\r\nset-cookie:[ \t]*([^\r\n]*)/gi;

/** Every Set-Cookie value in a raw head (fast path: most heads have none). */
export function setCookies(head: string | undefined): string[] {
  if (!head || !/set-cookie:/i.test(head)) return [];
  return [...head.matchAll(SET_COOKIE)].map((m) => m[1]!);
}
