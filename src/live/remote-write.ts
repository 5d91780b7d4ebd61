import type { LiveSnapshot } from '../core/live-snapshot.js';
import { snapshotSamples } from './metric-names.js';
import { remoteWriteBody } from './remote-write-encode.js';

/** Encoded requests waiting to be sent; when the receiver is slower, the oldest are dropped (and counted). */
const MAX_QUEUE = 30;
const SEND_TIMEOUT_MS = 5000;

export interface RemoteWriteOptions {
  url: URL;
  /** How often the latest snapshot is sent, 1 to 5 s. */
  intervalMs: number;
  /** Labels on every series (job, service). */
  labels: Record<string, string>;
}

/**
 * Prometheus remote write while the run goes: every interval the latest snapshot becomes one
 * WriteRequest in a bounded queue, sent one at a time by a background loop. A failure is a
 * warning (counted by reason), never an error: the run goes on whatever the receiver does.
 */
export class RemoteWriter {
  private latest: LiveSnapshot | undefined;
  private sentAt = -1;
  private readonly queue: Uint8Array[] = [];
  private readonly failures = new Map<string, number>();
  private dropped = 0;
  private sent = 0;
  private busy = false;
  private idle: Promise<void> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly o: RemoteWriteOptions) {
    this.timer = setInterval(() => this.enqueue(), o.intervalMs);
    this.timer.unref();
  }

  push(s: LiveSnapshot): void {
    this.latest = s;
  }

  /** Send the last snapshot and what is queued (bounded by the send timeout), then stop. */
  async close(): Promise<{ sent: number; warnings: string[] }> {
    clearInterval(this.timer);
    this.enqueue();
    const deadline = new Promise((r) => setTimeout(r, SEND_TIMEOUT_MS * 2).unref());
    await Promise.race([this.idle, deadline]);
    const warnings = [...this.failures].map(([reason, n]) => `remote write to ${this.o.url.origin}: ${n} request(s) failed: ${reason}`);
    if (this.dropped > 0) warnings.push(`remote write to ${this.o.url.origin}: ${this.dropped} request(s) dropped, the receiver was too slow`);
    return { sent: this.sent, warnings };
  }

  private enqueue(): void {
    const s = this.latest;
    if (!s || s.at === this.sentAt) return;
    this.sentAt = s.at;
    this.queue.push(remoteWriteBody(snapshotSamples(s), s.at, this.o.labels));
    if (this.queue.length > MAX_QUEUE) {
      this.queue.shift();
      this.dropped++;
    }
    this.pump();
  }

  /** One sender at a time; `busy` is cleared in the same tick the queue is found empty, so nothing is left behind. */
  private pump(): void {
    if (this.busy) return;
    this.busy = true;
    this.idle = (async () => {
      try {
        for (let body = this.queue.shift(); body; body = this.queue.shift()) await this.send(body);
      } finally {
        this.busy = false;
      }
    })();
  }

  private async send(body: Uint8Array): Promise<void> {
    try {
      const res = await fetch(this.o.url, {
        method: 'POST',
        body,
        headers: { 'Content-Type': 'application/x-protobuf', 'Content-Encoding': 'snappy', 'X-Prometheus-Remote-Write-Version': '0.1.0', 'User-Agent': 'gonogo' },
        signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.ok) this.sent++;
      else this.fail(`HTTP ${res.status}`);
    } catch (err) {
      const e = err as Error & { cause?: { code?: string } };
      this.fail(e.name === 'TimeoutError' ? `no answer in ${SEND_TIMEOUT_MS / 1000} s` : (e.cause?.code ?? e.message));
    }
  }

  private fail(reason: string): void {
    this.failures.set(reason, (this.failures.get(reason) ?? 0) + 1);
  }
}
