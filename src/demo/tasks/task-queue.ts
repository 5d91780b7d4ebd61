import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { TASK_KINDS, type TaskKind } from './task-kinds.js';

export type TaskStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface Task {
  id: string;
  kind: TaskKind;
  input: string;
  owner: string;
  status: TaskStatus;
  /** Simulated work time for this task, in milliseconds. */
  durationMs: number;
  submittedAt: string;
  startedAt?: string;
  finishedAt?: string;
  result?: unknown;
  error?: string;
}

export interface TaskQueueOptions {
  /** Tasks running at the same time. */
  concurrency: number;
  /** Tasks waiting at most; submit() refuses more (the API answers 503). */
  maxQueued: number;
  /** Finished tasks kept for status and result look-ups (oldest dropped first). */
  keepFinished: number;
}

export const DEFAULT_TASK_QUEUE: TaskQueueOptions = { concurrency: 4, maxQueued: 10_000, keepFinished: 10_000 };

/** An in-process FIFO queue: at most `concurrency` tasks run at once, the rest wait in order. */
export class TaskQueue {
  private readonly tasks = new Map<string, Task>();
  private readonly waiting: Task[] = [];
  private readonly finished: string[] = [];
  private running = 0;
  private peak = 0;
  private closed = false;
  private completed = 0;
  private failedCount = 0;
  private readonly abort = new AbortController();

  constructor(private readonly opts: TaskQueueOptions = DEFAULT_TASK_QUEUE) {}

  get depth(): number {
    return this.waiting.length;
  }

  get active(): number {
    return this.running;
  }

  /** Most tasks seen running at once (tests check the limit holds). */
  get peakRunning(): number {
    return this.peak;
  }

  get concurrency(): number {
    return this.opts.concurrency;
  }

  get counts(): { succeeded: number; failed: number } {
    return { succeeded: this.completed, failed: this.failedCount };
  }

  get full(): boolean {
    return this.waiting.length >= this.opts.maxQueued;
  }

  get(id: string): Task | undefined {
    return this.tasks.get(id);
  }

  /** Queue a task; undefined when the queue is full or closing. */
  submit(kind: TaskKind, input: string, owner: string, durationMs: number): Task | undefined {
    if (this.closed || this.full) return undefined;
    const task: Task = { id: randomUUID(), kind, input, owner, status: 'queued', durationMs, submittedAt: new Date().toISOString() };
    this.tasks.set(task.id, task);
    this.waiting.push(task);
    this.pump();
    return task;
  }

  close(): void {
    this.closed = true;
    this.abort.abort();
    for (const t of this.waiting.splice(0)) this.finish(t, undefined, 'server shutting down');
  }

  private pump(): void {
    while (this.running < this.opts.concurrency && this.waiting.length > 0) {
      const task = this.waiting.shift()!;
      this.running++;
      this.peak = Math.max(this.peak, this.running);
      task.status = 'running';
      task.startedAt = new Date().toISOString();
      void this.run(task);
    }
  }

  private async run(task: Task): Promise<void> {
    try {
      if (task.durationMs > 0) await sleep(task.durationMs, undefined, { signal: this.abort.signal });
      this.finish(task, TASK_KINDS[task.kind](task.input), undefined);
    } catch (err) {
      this.finish(task, undefined, this.closed ? 'server shutting down' : err instanceof Error ? err.message : String(err));
    } finally {
      this.running--;
      if (!this.closed) this.pump();
    }
  }

  private finish(task: Task, result: unknown, error: string | undefined): void {
    task.finishedAt = new Date().toISOString();
    if (error === undefined) {
      task.status = 'succeeded';
      task.result = result;
      this.completed++;
    } else {
      task.status = 'failed';
      task.error = error;
      this.failedCount++;
    }
    this.finished.push(task.id);
    while (this.finished.length > this.opts.keepFinished) this.tasks.delete(this.finished.shift()!);
  }
}
