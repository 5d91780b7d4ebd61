import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BodyKind } from './body.js';

export interface AuthUser {
  username: string;
  role: 'user' | 'admin';
}

/** One request as the handlers see it. */
export interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  /** Path without the query string, as sent (not decoded). */
  path: string;
  /** Raw query string without '?', '' when none. */
  rawQuery: string;
  /** Route pattern for metrics and knobs, e.g. "/api/items/:id"; "unmatched" when no route matched. */
  route: string;
  params: Record<string, string>;
  /** Parsed body: JSON value, form fields as an object, text, or undefined when there was none. */
  body: unknown;
  bodyKind: BodyKind;
  /** The body said it was JSON but did not parse (handlers answer 400). */
  bodyInvalid: boolean;
  /** Client address, the rate-limit and login-throttle key. */
  client: string;
  user: AuthUser | undefined;
  /** performance.now() when the request arrived. */
  start: number;
  /** Extra response headers added by middleware (rate-limit headers), flat [name, value, ...]. */
  headers: string[];
  /** Set once the response has been written; metrics are recorded at that moment. */
  done: boolean;
}

export function query(ctx: Ctx): URLSearchParams {
  return new URLSearchParams(ctx.rawQuery);
}
