import { Agent, request } from 'undici';
import { MASK } from '../../core/mask.js';
import { ExpositionError, parseExposition, type Sample } from './exposition.js';

export type ScrapeOutcome = { ok: true; samples: Sample[] } | { ok: false; reason: string };

const ACCEPT = 'application/openmetrics-text;version=1.0.0;q=0.9,text/plain;version=0.0.4;q=0.5,*/*;q=0.1';

/** A URL as it may be shown: user and password masked. */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.username) u.username = MASK;
    if (u.password) u.password = MASK;
    return u.href;
  } catch {
    return url;
  }
}

/**
 * One scrape of a metrics endpoint, bounded in time (`signal`) and size (`maxBytes`). Whatever goes
 * wrong — refused, timed out, not 200, HTML, a body over the cap, text that is not exposition
 * format — comes back as a reason, never as a throw: the caller records a gap.
 */
export async function scrape(url: string, o: { agent: Agent; signal: AbortSignal; maxBytes: number }): Promise<ScrapeOutcome> {
  let body: string;
  try {
    const res = await request(url, { method: 'GET', headers: { accept: ACCEPT, 'user-agent': 'gonogo-metrics' }, dispatcher: o.agent, signal: o.signal });
    // Destroying the body (cap, wrong type, abort) emits an error nobody else listens to.
    res.body.on('error', () => {});
    if (res.statusCode !== 200) {
      res.body.destroy();
      return { ok: false, reason: `HTTP ${res.statusCode}` };
    }
    const type = String(res.headers['content-type'] ?? '').toLowerCase();
    if (type.includes('html') || type.includes('json')) {
      res.body.destroy();
      return { ok: false, reason: `answered ${type.split(';')[0]}, not Prometheus text` };
    }
    const declared = Number(res.headers['content-length']);
    if (Number.isFinite(declared) && declared > o.maxBytes) {
      res.body.destroy();
      return { ok: false, reason: `body of ${declared} bytes is over the ${o.maxBytes}-byte cap` };
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > o.maxBytes) {
        res.body.destroy();
        return { ok: false, reason: `body over the ${o.maxBytes}-byte cap` };
      }
      chunks.push(chunk);
    }
    body = Buffer.concat(chunks).toString('utf8');
  } catch (err) {
    return { ok: false, reason: o.signal.aborted ? 'timed out' : networkReason(err) };
  }
  try {
    const samples = parseExposition(body);
    if (samples.length === 0) return { ok: false, reason: 'no samples in the answer' };
    return { ok: true, samples };
  } catch (err) {
    return { ok: false, reason: `not Prometheus text (${err instanceof ExpositionError ? err.message : String(err)})` };
  }
}

function networkReason(err: unknown): string {
  const e = err as { code?: string; message?: string };
  return e.code ? `${e.code}${e.message ? `: ${e.message}` : ''}` : (e.message ?? String(err));
}
