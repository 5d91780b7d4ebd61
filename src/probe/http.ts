import http from 'node:http';
import https from 'node:https';

/** One request a check wants sent. `rawTarget` is sent verbatim as the request target (path + query). */
export interface ProbeRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string;
  rawTarget?: string;
}

/** What came back. Transport failures (reset, timeout, TLS) have status 0 and `error` set; they never throw. */
export interface ProbeResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  ms: number;
  error?: string;
  /** True when --dry-run recorded the request instead of sending it. */
  dryRun?: boolean;
}

export interface HttpClientOptions {
  timeoutMs: number;
  insecure: boolean;
  ca?: string;
  /** Bodies are read up to this many bytes; the rest is discarded (a huge answer cannot exhaust memory). */
  maxBodyBytes?: number;
}

const DEFAULT_MAX_BODY = 256 * 1024;

/** A small HTTP/1.1 client on node:http: no redirects followed, no retries, exact request targets. */
export class HttpClient {
  private readonly httpAgent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  private readonly httpsAgent: https.Agent;

  constructor(private readonly opts: HttpClientOptions) {
    this.httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 8, rejectUnauthorized: !opts.insecure, ca: opts.ca });
  }

  send(req: ProbeRequest): Promise<ProbeResponse> {
    const url = new URL(req.url);
    const isHttps = url.protocol === 'https:';
    const t0 = performance.now();
    const headers: Record<string, string> = { 'user-agent': 'gonogo-probe', accept: '*/*', ...req.headers };
    if (req.body !== undefined) headers['content-length'] = String(Buffer.byteLength(req.body));
    return new Promise((resolve) => {
      let done = false;
      const finish = (r: Omit<ProbeResponse, 'ms'>) => {
        if (done) return;
        done = true;
        resolve({ ...r, ms: performance.now() - t0 });
      };
      let request: http.ClientRequest;
      try {
        request = (isHttps ? https : http).request({
          protocol: url.protocol,
          hostname: url.hostname.replace(/^\[|\]$/g, ''),
          port: url.port || (isHttps ? 443 : 80),
          method: req.method,
          path: req.rawTarget ?? `${url.pathname}${url.search}`,
          headers,
          agent: isHttps ? this.httpsAgent : this.httpAgent,
          servername: isHttps && !/^[\d.]+$|:/.test(url.hostname) ? url.hostname : undefined,
        });
      } catch (err) {
        // Node refuses some request targets and header values outright; that is the check's input, not a crash.
        finish({ status: 0, headers: {}, body: '', error: `request not sent: ${(err as Error).message}` });
        return;
      }
      request.setTimeout(this.opts.timeoutMs, () => {
        request.destroy(new Error(`no answer within ${this.opts.timeoutMs} ms`));
      });
      request.on('error', (err: NodeJS.ErrnoException) => finish({ status: 0, headers: {}, body: '', error: err.code ? `${err.code}: ${err.message}` : err.message }));
      request.on('response', (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const max = this.opts.maxBodyBytes ?? DEFAULT_MAX_BODY;
        res.on('data', (c: Buffer) => {
          if (size < max) chunks.push(c.subarray(0, max - size));
          size += c.length;
        });
        const end = () => finish({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.on('end', end);
        res.on('aborted', end);
        res.on('error', end);
      });
      request.end(req.body);
    });
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}

/** A header as one string (Set-Cookie and repeated headers joined with ", "). */
export function header(res: ProbeResponse, name: string): string | undefined {
  const v = res.headers[name.toLowerCase()];
  return Array.isArray(v) ? v.join(', ') : v;
}

/** Every Set-Cookie line of a response. */
export function setCookies(res: ProbeResponse): string[] {
  const v = res.headers['set-cookie'];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}
