import type { LiveSample } from './metric-names.js';

/**
 * Prometheus remote write 1.0 on the wire: a protobuf WriteRequest (prometheus/prompb types.proto:
 * WriteRequest.timeseries = 1; TimeSeries.labels = 1, samples = 2; Label.name = 1, value = 2;
 * Sample.value = 1 (double), timestamp = 2 (int64 ms)), snappy block-compressed. Four messages
 * with two field kinds each: a hand-written encoder is shorter than the generated code of a
 * protobuf library, and the snappy block format allows a stream of literals (no back-references),
 * which every snappy decoder reads. Our payloads are a few KB a second, so skipping compression
 * costs nothing that matters.
 */
export function encodeWriteRequest(samples: readonly LiveSample[], timestampMs: number, extraLabels: Record<string, string> = {}): Uint8Array {
  const w = new Writer();
  for (const s of samples) {
    const ts = new Writer();
    const labels = Object.entries({ ...extraLabels, ...s.labels, __name__: s.name }).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [name, value] of labels) {
      const l = new Writer();
      l.string(1, name);
      l.string(2, value);
      ts.bytes(1, l.finish());
    }
    const sample = new Writer();
    sample.double(1, s.value);
    sample.varintField(2, timestampMs);
    ts.bytes(2, sample.finish());
    w.bytes(1, ts.finish());
  }
  return w.finish();
}

/** Snappy block format: the uncompressed length as a varint, then literal chunks of at most 64 KiB (tag 61: the length - 1 in the next 2 bytes). */
export function snappyLiteral(data: Uint8Array): Uint8Array {
  const out: number[] = [];
  pushVarint(out, data.length);
  const parts: Uint8Array[] = [Uint8Array.from(out)];
  const CHUNK = 65536;
  for (let i = 0; i < data.length; i += CHUNK) {
    const n = Math.min(CHUNK, data.length - i);
    const h = n <= 60 ? [(n - 1) << 2] : [61 << 2, (n - 1) & 0xff, ((n - 1) >> 8) & 0xff];
    parts.push(Uint8Array.from(h), data.subarray(i, i + n));
  }
  return concat(parts);
}

class Writer {
  private readonly parts: Uint8Array[] = [];

  string(field: number, s: string): void {
    this.bytes(field, new TextEncoder().encode(s));
  }

  bytes(field: number, b: Uint8Array): void {
    const head: number[] = [];
    pushVarint(head, (field << 3) | 2);
    pushVarint(head, b.length);
    this.parts.push(Uint8Array.from(head), b);
  }

  double(field: number, v: number): void {
    const b = new Uint8Array(9);
    b[0] = (field << 3) | 1;
    new DataView(b.buffer).setFloat64(1, v, true);
    this.parts.push(b);
  }

  varintField(field: number, v: number): void {
    const b: number[] = [];
    pushVarint(b, field << 3);
    pushVarint(b, v);
    this.parts.push(Uint8Array.from(b));
  }

  finish(): Uint8Array {
    return concat(this.parts);
  }
}

/** Non-negative integers up to 2^53 (timestamps in ms, lengths). */
function pushVarint(out: number[], v: number): void {
  let n = Math.floor(v);
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
