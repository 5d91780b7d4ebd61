import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { mergeInputError, parseResultText, type SourcedResult } from '../merge/read-result.js';

/**
 * A pod's result travels in its log (the one channel every cluster keeps without extra RBAC, volumes
 * or object storage): gzip, base64, cut into lines, framed so it can be found among other log lines
 * (kubectl logs --prefix adds "[pod/...] ") and checked for truncation (byte count and sha256).
 */
const BEGIN = 'GONOGO-RESULT-BEGIN v1';
const LINE = 'GONOGO-RESULT ';
const END = 'GONOGO-RESULT-END';
const CHUNK = 3000;

export function frameResult(json: string, label: string): string {
  const gz = gzipSync(Buffer.from(json, 'utf8'), { level: 9 });
  const b64 = gz.toString('base64');
  const lines = [`${BEGIN} segment=${label.replace(/\s/g, '_')} bytes=${gz.length} sha256=${createHash('sha256').update(gz).digest('hex')}`];
  for (let i = 0; i < b64.length; i += CHUNK) lines.push(LINE + b64.slice(i, i + CHUNK));
  lines.push(END);
  return lines.join('\n') + '\n';
}

/**
 * Every framed result in a log text, checked; `source` (a file or pod name) names the log in errors.
 * A frame without its end, with a wrong size or checksum, or not a load result: exit 2.
 */
export function unframeResults(source: string, text: string): SourcedResult[] {
  const out: SourcedResult[] = [];
  let open: { head: string; chunks: string[]; n: number } | undefined;
  let n = 0;
  for (const raw of text.split(/\r?\n/)) {
    const at = raw.indexOf('GONOGO-RESULT');
    if (at < 0) continue;
    const line = raw.slice(at).trimEnd();
    if (line.startsWith(BEGIN)) {
      if (open) throw mergeInputError(source, `result #${open.n} is cut short: a new result begins before its end line`, 'the pod was restarted or its log was truncated; rerun that segment');
      open = { head: line, chunks: [], n: ++n };
    } else if (line.startsWith(LINE) && open) open.chunks.push(line.slice(LINE.length));
    else if (line === END && open) {
      out.push({ source: n > 1 ? `${source}#${open.n}` : source, result: decodeFrame(source, open.head, open.chunks.join('')) });
      open = undefined;
    }
  }
  if (open) throw mergeInputError(source, `result #${open.n} is cut short: no end line`, 'the log was truncated (kubectl logs --limit-bytes, log rotation) or the pod is still running');
  return out;
}

function decodeFrame(source: string, head: string, b64: string): SourcedResult['result'] {
  const bytes = Number(/bytes=(\d+)/.exec(head)?.[1]);
  const sha = /sha256=([0-9a-f]{64})/.exec(head)?.[1];
  const gz = Buffer.from(b64, 'base64');
  if (gz.length !== bytes || createHash('sha256').update(gz).digest('hex') !== sha) {
    throw mergeInputError(source, `a framed result is damaged (${gz.length} of ${bytes} bytes, checksum ${sha ? 'mismatch' : 'missing'})`, 'the log was truncated or altered; rerun that segment');
  }
  let json: string;
  try {
    json = gunzipSync(gz).toString('utf8');
  } catch (err) {
    throw mergeInputError(source, `a framed result does not decompress: ${(err as Error).message}`);
  }
  return parseResultText(source, json);
}
