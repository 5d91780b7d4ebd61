import { ParseError } from './response-parser.js';

/**
 * Finds the events in a streamed response body as its bytes arrive, so a load test can time what a
 * user of a streaming API feels: the first event (time to first token) and the gaps between events.
 *
 * - `sse` (text/event-stream): an event is a block of lines ended by a blank line; a block of only
 *   comment lines (`: keep-alive`) is not an event.
 * - `ndjson` (chunked JSON lines): an event is a non-empty line.
 *
 * Nothing is buffered: only the current event's size is kept, and an event over `maxEventBytes` is an
 * error (a stream that never ends an event would otherwise look like one endless first token).
 */
export type StreamKind = 'sse' | 'ndjson';
export const STREAM_KINDS: readonly StreamKind[] = ['sse', 'ndjson'];
export const MAX_EVENT_BYTES = 1024 * 1024;

/** The stream broke its framing (an event over the limit): classed `stream`, not `protocol`. */
export class StreamError extends ParseError {}

export class EventScanner {
  /** Events completed in the response being read. */
  events = 0;
  private size = 0;
  private lineLen = 0;
  private lineIsComment = false;
  private blockHasData = false;

  constructor(
    private readonly kind: StreamKind,
    /** Called as each event completes. */
    private readonly onEvent: () => void,
    private readonly maxEventBytes = MAX_EVENT_BYTES,
  ) {}

  reset(): void {
    this.events = 0;
    this.size = 0;
    this.lineLen = 0;
    this.lineIsComment = false;
    this.blockHasData = false;
  }

  /** Body bytes buf[from, to). Throws StreamError when an event grows past the limit. */
  feed(buf: Uint8Array, from: number, to: number): void {
    for (let i = from; i < to; i++) {
      const c = buf[i]!;
      if (c === 13) continue; // CR of a CRLF line end
      if (c !== 10) {
        if (this.lineLen === 0) this.lineIsComment = c === 58; /* ':' */
        this.lineLen++;
        if (++this.size > this.maxEventBytes) throw new StreamError(`a streamed event is larger than ${this.maxEventBytes} bytes`);
        continue;
      }
      if (this.kind === 'ndjson') {
        if (this.lineLen > 0) this.complete();
      } else if (this.lineLen === 0) {
        // A blank line ends the block; it is an event if any line in it was not a comment.
        if (this.blockHasData) this.complete();
        this.blockHasData = false;
        this.size = 0;
      } else if (!this.lineIsComment) this.blockHasData = true;
      this.lineLen = 0;
    }
  }

  private complete(): void {
    this.events++;
    this.size = 0;
    this.onEvent();
  }
}
