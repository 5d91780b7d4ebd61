import type { Ctx } from './context.js';

export type Access = 'public' | 'user' | 'admin';

export interface Route<S> {
  method: string;
  /** "/api/items/:id": segments starting with ':' are parameters. Also the metrics label. */
  pattern: string;
  access: Access;
  /** Counted against the per-client rate limit (health and metrics are not, so orchestrators can always poll). */
  limited: boolean;
  /** Subject to injected latency and errors (the admin and metrics endpoints are not). */
  faults: boolean;
  handler: (ctx: Ctx, s: S) => void | Promise<void>;
}

export type RouteMatch<S> = { route: Route<S>; params: Record<string, string> } | { allowed: string[] } | undefined;

/** Exact paths from a map; parameterised ones by segments. */
export class Router<S> {
  private readonly exact = new Map<string, Map<string, Route<S>>>();
  private readonly dynamic: { segments: string[]; byMethod: Map<string, Route<S>> }[] = [];

  constructor(routes: readonly Route<S>[]) {
    for (const r of routes) {
      if (!r.pattern.includes(':')) {
        const m = this.exact.get(r.pattern) ?? new Map<string, Route<S>>();
        m.set(r.method, r);
        this.exact.set(r.pattern, m);
      } else {
        const segments = r.pattern.split('/');
        let entry = this.dynamic.find((d) => d.segments.join('/') === r.pattern);
        if (!entry) this.dynamic.push((entry = { segments, byMethod: new Map() }));
        entry.byMethod.set(r.method, r);
      }
    }
  }

  match(method: string, path: string): RouteMatch<S> {
    const exact = this.exact.get(path);
    if (exact) return pick(exact, method, {});
    const parts = path.split('/');
    for (const d of this.dynamic) {
      if (d.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < parts.length && ok; i++) {
        const seg = d.segments[i]!;
        if (seg.startsWith(':')) {
          if (parts[i] === '') ok = false;
          else params[seg.slice(1)] = safeDecode(parts[i]!);
        } else if (seg !== parts[i]) ok = false;
      }
      if (ok) return pick(d.byMethod, method, params);
    }
    return undefined;
  }
}

function pick<S>(byMethod: Map<string, Route<S>>, method: string, params: Record<string, string>): RouteMatch<S> {
  const route = byMethod.get(method) ?? (method === 'HEAD' ? byMethod.get('GET') : undefined);
  if (route) return { route, params };
  const allowed = [...byMethod.keys()];
  if (allowed.includes('GET')) allowed.push('HEAD');
  return { allowed };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
