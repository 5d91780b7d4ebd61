import { request, type Agent } from 'undici';

/** The `data` of a successful Prometheus HTTP API answer. */
export interface PromData {
  readonly resultType?: string;
  readonly result?: unknown;
}

/**
 * One GET to the Prometheus HTTP API (`/api/v1/<path>` under `base`): the answer's `data`, or why there is none
 * (refused, timed out, bigger than `maxBody`, not JSON, an API error). Never throws: a query that fails is a gap.
 */
export async function promApiGet(
  base: string,
  path: string,
  params: Record<string, string>,
  o: { readonly agent: Agent; readonly timeoutMs: number; readonly maxBody: number; readonly signal?: AbortSignal },
): Promise<PromData | string> {
  const url = new URL(`api/v1/${path}`, base.endsWith('/') ? base : `${base}/`);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  const timeout = AbortSignal.timeout(o.timeoutMs);
  try {
    const res = await request(url, { method: 'GET', dispatcher: o.agent, signal: o.signal ? AbortSignal.any([o.signal, timeout]) : timeout });
    res.body.on('error', () => {});
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const c of res.body as AsyncIterable<Buffer>) {
      size += c.length;
      if (size > o.maxBody) {
        res.body.destroy();
        return `answer over ${o.maxBody} bytes`;
      }
      chunks.push(c);
    }
    let json: { status?: string; error?: string; data?: PromData };
    try {
      json = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof json;
    } catch {
      return `HTTP ${res.statusCode}, not the Prometheus API (no JSON)`;
    }
    if (json.status !== 'success') return `HTTP ${res.statusCode}: ${String(json.error ?? 'error').slice(0, 200)}`;
    return json.data ?? {};
  } catch (err) {
    const e = err as { code?: unknown; message?: string };
    if (o.signal?.aborted) return 'stopped';
    if (timeout.aborted) return `timed out after ${o.timeoutMs} ms`;
    return typeof e.code === 'string' ? e.code : (e.message ?? String(err));
  }
}
