import type { IncomingMessage } from 'node:http';

export const MAX_BODY_BYTES = 1024 * 1024;

export type BodyKind = 'none' | 'json' | 'form' | 'text';

export interface ReadBody {
  kind: BodyKind;
  raw: string;
  /** JSON value, form fields as an object, or the raw text. */
  value: unknown;
  /** Set when the body claimed to be JSON but did not parse. */
  invalidJson: boolean;
}

export class BodyTooLargeError extends Error {}

/** True when the request announces a body (Content-Length > 0 or chunked). */
export function hasBody(req: IncomingMessage): boolean {
  const len = req.headers['content-length'];
  if (len !== undefined) return len !== '0';
  return req.headers['transfer-encoding'] !== undefined;
}

export function readRaw(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLargeError(`body larger than ${limit} bytes`));
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Parse by Content-Type; never throws on malformed input (the caller answers 400). */
export function parseBody(raw: string, contentType: string | undefined): ReadBody {
  const ct = (contentType ?? '').toLowerCase();
  if (ct.includes('json')) {
    try {
      return { kind: 'json', raw, value: JSON.parse(raw) as unknown, invalidJson: false };
    } catch {
      return { kind: 'json', raw, value: raw, invalidJson: true };
    }
  }
  if (ct.startsWith('application/x-www-form-urlencoded')) {
    return { kind: 'form', raw, value: Object.fromEntries(new URLSearchParams(raw)), invalidJson: false };
  }
  return { kind: 'text', raw, value: raw, invalidJson: false };
}
