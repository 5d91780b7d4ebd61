import type { ProbeEndpoint } from '../core/config/probe-section.js';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** One operation of an OpenAPI 3 / Swagger 2 document; path parameters already replaced by "1". */
export interface OpenApiOperation extends ProbeEndpoint {
  /** Its effective `security` (its own, else the document's) requires something. */
  protected: boolean;
  /** It takes a JSON body (OpenAPI 3 requestBody with a JSON media type, or Swagger 2 body parameter). */
  json: boolean;
}

/** Every operation of the document (pure; anything not shaped like one is ignored). */
export function operationsFromOpenApi(doc: unknown): OpenApiOperation[] {
  if (!doc || typeof doc !== 'object') return [];
  const d = doc as { security?: unknown; paths?: Record<string, Record<string, Record<string, unknown>>>; basePath?: string; consumes?: unknown };
  const requires = (sec: unknown) => Array.isArray(sec) && sec.length > 0 && !sec.some((req) => req && typeof req === 'object' && Object.keys(req).length === 0);
  const out: OpenApiOperation[] = [];
  for (const [path, item] of Object.entries(d.paths ?? {})) {
    if (!item || typeof item !== 'object') continue;
    for (const m of METHODS) {
      const op = item[m];
      if (!op || typeof op !== 'object') continue;
      const sec = 'security' in op ? op.security : d.security;
      out.push({
        method: m.toUpperCase(),
        path: `${(d.basePath ?? '').replace(/\/+$/, '')}${path}`.replace(/\{[^}]+\}/g, '1'),
        protected: requires(sec),
        json: takesJson(op),
      });
    }
  }
  return out;
}

function takesJson(op: Record<string, unknown>): boolean {
  const content = (op.requestBody as { content?: Record<string, unknown> } | undefined)?.content;
  if (content && Object.keys(content).some((t) => /json/i.test(t))) return true;
  const params = Array.isArray(op.parameters) ? (op.parameters as { in?: string }[]) : [];
  return params.some((p) => p?.in === 'body');
}

/** Protected operations only: what auth.required sends without credentials. */
export function protectedFromOpenApi(doc: unknown): ProbeEndpoint[] {
  return operationsFromOpenApi(doc)
    .filter((o) => o.protected)
    .map(({ method, path }) => ({ method, path }));
}
