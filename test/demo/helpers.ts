import http from 'node:http';
import { startDemoTarget, type DemoTarget, type DemoTargetOptions } from '../../src/demo/server.js';

export type { DemoTarget };

const running = new Set<DemoTarget>();

/** A quiet demo target on 127.0.0.1, port 0; closeAll() in afterEach/afterAll. */
export async function startTarget(opts: DemoTargetOptions = {}): Promise<DemoTarget> {
  const t = await startDemoTarget({ quiet: true, ...opts });
  running.add(t);
  return t;
}

export async function closeAll(): Promise<void> {
  await Promise.all([...running].map((t) => t.close()));
  running.clear();
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  json<T = any>(): T; // eslint-disable-line @typescript-eslint/no-explicit-any -- test convenience
}

/** One request with node:http (fetch refuses TRACE and some headers), no agent reuse. */
export function raw(base: string, method: string, path: string, opts: { headers?: Record<string, string>; body?: string | object; token?: string } = {}): Promise<RawResponse> {
  const u = new URL(path, base);
  const headers: Record<string, string> = { ...opts.headers };
  let body: string | undefined;
  if (opts.body !== undefined) {
    body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    if (typeof opts.body !== 'string' && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(body));
  }
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, method, path: u.pathname + u.search, headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text, json: () => JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Log in and return the bearer token. */
export async function login(t: DemoTarget, username = 'demo', password = `${username}-password`): Promise<string> {
  const r = await raw(t.url, 'POST', '/api/auth/login', { body: { username, password } });
  if (r.status !== 200) throw new Error(`login as ${username} answered ${r.status}: ${r.body}`);
  return r.json<{ access_token: string }>().access_token;
}
