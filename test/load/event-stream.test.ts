import { describe, expect, it } from 'vitest';
import { EventScanner, StreamError } from '../../src/load/http/event-stream.js';

function scan(kind: 'sse' | 'ndjson', chunks: string[], max?: number): number[] {
  const at: number[] = [];
  let i = 0;
  const sc = new EventScanner(kind, () => at.push(i), max);
  for (; i < chunks.length; i++) {
    const b = Buffer.from(chunks[i]!);
    sc.feed(b, 0, b.length);
  }
  return at;
}

describe('EventScanner', () => {
  it('sse: an event ends at a blank line, across any split, with LF or CRLF', () => {
    expect(scan('sse', ['data: a\n\ndata: b\n', '\n'])).toEqual([0, 1]);
    expect(scan('sse', ['data: a\r', '\n\r\n', 'event: x\r\ndata: b\r\n\r\n'])).toEqual([1, 2]);
    // A multi-line event is one event.
    expect(scan('sse', ['data: a\ndata: b\nid: 3\n\n'])).toEqual([0]);
  });

  it('sse: comment-only blocks (keep-alives) are not events', () => {
    expect(scan('sse', [': ping\n\n', ': ping\n\n', 'data: x\n\n'])).toEqual([2]);
  });

  it('ndjson: every non-empty line is an event', () => {
    expect(scan('ndjson', ['{"a":1}\n{"a"', ':2}\n\n', '{"a":3}\r\n'])).toEqual([0, 1, 2]);
  });

  it('an event over the limit throws StreamError; a keep-alive stream does not add up to one', () => {
    expect(() => scan('sse', ['data: ' + 'x'.repeat(100) + '\n\n'], 64)).toThrow(StreamError);
    expect(() => scan('ndjson', ['x'.repeat(65)], 64)).toThrow(/larger than 64 bytes/);
    expect(scan('sse', Array.from({ length: 20 }, () => ': keep-alive\n\n'), 64)).toEqual([]);
  });
});
