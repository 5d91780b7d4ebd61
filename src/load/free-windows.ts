/**
 * When at least one of the open model's connections was free (performance.now() ms): the windows
 * tell a late send that waited for a connection (the target held them all: timed from its intended
 * time, the coordinated-omission correction) from one that was due while a connection was free (the
 * generator itself was late: timed from its actual send, and reported by the self-check). Sends are
 * checked in intended order, so windows that end before the one asked about are dropped: memory stays
 * a handful of numbers.
 */
export class FreeWindows {
  /** Closed windows as [start, end] pairs, oldest first, from `head`. */
  private readonly closed: number[] = [];
  private head = 0;
  /** Start of the open window (a connection is free now), or NaN while every connection is busy. */
  private openSince = Number.NaN;

  /** A connection became free at `t` (call on every transition from none free to some free). */
  open(t: number): void {
    if (Number.isNaN(this.openSince)) this.openSince = t;
  }

  /** The last free connection was taken at `t`. */
  close(t: number): void {
    if (Number.isNaN(this.openSince)) return;
    this.closed.push(this.openSince, t);
    this.openSince = Number.NaN;
  }

  /** Was a connection free at `t`? Calls come with non-decreasing `t`. */
  freeAt(t: number): boolean {
    while (this.head < this.closed.length && this.closed[this.head + 1]! < t) this.head += 2;
    if (this.head > 64) {
      this.closed.splice(0, this.head);
      this.head = 0;
    }
    if (this.head < this.closed.length && this.closed[this.head]! <= t) return true;
    return !Number.isNaN(this.openSince) && this.openSince <= t;
  }
}
