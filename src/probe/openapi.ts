import type { ProbeEndpoint } from '../core/config/probe-section.js';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/**
 * Protected endpoints from an OpenAPI 3 or Swagger 2 document: operations whose effective `security`
 * (their own, else the document's) requires something. Path parameters become "1". Pure.
 */
export function protectedFromOpenApi(doc: unknown): ProbeEndpoint[] {
  if (!doc || typeof doc !== 'object') return [];
  const d = doc as { security?: unknown; paths?: Record<string, Record<string, { security?: unknown }>>; basePath?: string };
  const requires = (sec: unknown) => Array.isArray(sec) && sec.length > 0 && !sec.some((req) => req && typeof req === 'object' && Object.keys(req).length === 0);
  const out: ProbeEndpoint[] = [];
  for (const [path, item] of Object.entries(d.paths ?? {})) {
    if (!item || typeof item !== 'object') continue;
    for (const m of METHODS) {
      const op = item[m];
      if (!op || typeof op !== 'object') continue;
      const sec = 'security' in op ? op.security : d.security;
      if (requires(sec)) out.push({ method: m.toUpperCase(), path: `${(d.basePath ?? '').replace(/\/+$/, '')}${path}`.replace(/\{[^}]+\}/g, '1') });
    }
  }
  return out;
}
