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
  // Sizes first, then one buffer: nested messages are length-prefixed, so each length is known before it is written.
  const series = samples.map((s) => {
    const labels = Object.entries({ ...extraLabels, ...s.labels, __name__: s.name })
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, value]) => {
        const n = Buffer.byteLength(name);
        const v = Buffer.byteLength(value);
        return { name, value, n, v, len: 1 + varintLen(n) + n + 1 + varintLen(v) + v };
      });
    const sampleLen = 9 + 1 + varintLen(timestampMs);
    const len = labels.reduce((a, l) => a + 1 + varintLen(l.len) + l.len, 0) + 1 + varintLen(sampleLen) + sampleLen;
    return { labels, value: s.value, sampleLen, len };
  });
  const buf = Buffer.alloc(series.reduce((a, t) => a + 1 + varintLen(t.len) + t.len, 0));
  let o = 0;
  const varint = (v: number) => {
    let n = Math.floor(v);
    while (n >= 0x80) {
      buf[o++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    buf[o++] = n;
  };
  const tag = (field: number, wire: number) => (buf[o++] = (field << 3) | wire);
  for (const t of series) {
    tag(1, 2); // WriteRequest.timeseries
    varint(t.len);
    for (const l of t.labels) {
      tag(1, 2); // TimeSeries.labels
      varint(l.len);
      tag(1, 2); // Label.name
      varint(l.n);
      o += buf.write(l.name, o, 'utf8');
      tag(2, 2); // Label.value
      varint(l.v);
      o += buf.write(l.value, o, 'utf8');
    }
    tag(2, 2); // TimeSeries.samples
    varint(t.sampleLen);
    tag(1, 1); // Sample.value, a little-endian double
    o = buf.writeDoubleLE(t.value, o);
    tag(2, 0); // Sample.timestamp, ms
    varint(timestampMs);
  }
  return buf;
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

function varintLen(v: number): number {
  let n = 1;
  for (let x = Math.floor(v); x >= 0x80; x = Math.floor(x / 0x80)) n++;
  return n;
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
