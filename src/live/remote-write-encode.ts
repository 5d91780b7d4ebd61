import protobuf from 'protobufjs';
import { compress } from 'snappyjs';
import type { LiveSample } from './metric-names.js';

// Prometheus remote write 1.0 on the wire: prometheus/prompb's WriteRequest (types.proto, remote.proto), only the
// fields gonogo sends, encoded by protobufjs from this descriptor; the body is snappy block-compressed (the spec's
// required Content-Encoding), by snappyjs.
const root = protobuf.Root.fromJSON({
  nested: {
    prometheus: {
      nested: {
        WriteRequest: { fields: { timeseries: { rule: 'repeated', type: 'TimeSeries', id: 1 } } },
        TimeSeries: { fields: { labels: { rule: 'repeated', type: 'Label', id: 1 }, samples: { rule: 'repeated', type: 'Sample', id: 2 } } },
        Label: { fields: { name: { type: 'string', id: 1 }, value: { type: 'string', id: 2 } } },
        Sample: { fields: { value: { type: 'double', id: 1 }, timestamp: { type: 'int64', id: 2 } } },
      },
    },
  },
});
/** The WriteRequest message type (tests decode what was sent with it). */
export const WriteRequest = root.lookupType('prometheus.WriteRequest');

/** One WriteRequest for these samples at one timestamp; labels sorted by name, as the spec requires. */
export function encodeWriteRequest(samples: readonly LiveSample[], timestampMs: number, extraLabels: Record<string, string> = {}): Uint8Array {
  const timeseries = samples.map((s) => ({
    labels: Object.entries({ ...extraLabels, ...s.labels, __name__: s.name })
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, value]) => ({ name, value })),
    samples: [{ value: s.value, timestamp: timestampMs }],
  }));
  return WriteRequest.encode(WriteRequest.fromObject({ timeseries })).finish();
}

/** The HTTP body of one remote-write request: the encoded WriteRequest, snappy block format. */
export function remoteWriteBody(samples: readonly LiveSample[], timestampMs: number, extraLabels: Record<string, string> = {}): Uint8Array {
  return compress(encodeWriteRequest(samples, timestampMs, extraLabels));
}

