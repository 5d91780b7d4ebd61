/**
 * The public scenario API: what a scenario file imports from 'gonogo'.
 *
 *   import { defineScenario, task, check, think } from 'gonogo';
 *   export default defineScenario({
 *     name: 'browse',
 *     thinkTime: think.between(0.5, 1.5),
 *     tasks: [
 *       task('list', 3, async (vu) => { check(await vu.http.get('/items'), { 'is 200': (r) => r.status === 200 }); }),
 *       task('one', 1, async (vu) => { await vu.http.get(`/items/${vu.iteration}`, { name: '/items/:id' }); }),
 *     ],
 *   });
 *
 * This file holds types and small constructors only (no sockets, no engine): config files and
 * scenario files import it at load time, and the runtime (runtime/*.ts) gives the types life.
 * Keep it stable: example scenarios and users' scenario files are written against it.
 */
import type { ThresholdsConfig } from '../../core/config/load-section.js';
import { createFeeder, type FeedMode, type Feeder, type FeederOptions } from './feeder.js';
import { currentSink, declareMetric } from './sink.js';

/** "30s", "1m30s", "500ms", "2h", or a number of seconds. */
export type DurationLike = string | number;

// ---------------------------------------------------------------------------------------------
// Executors: how virtual users (closed model) or iterations (open model) are started.

/** One ramp stage: move linearly to `target` (users, or iterations per time unit) over `duration`. */
export interface Stage {
  duration: DurationLike;
  target: number;
}

/** Closed model: a fixed number of users, each looping iterations; reached at `spawnRate` users/s (default: all at once). */
export interface ConstantUsersExecutor {
  type: 'constant-users';
  users: number;
  duration: DurationLike;
  /** Users started per second until `users` run (Locust's spawn rate). */
  spawnRate?: number;
}

/** Closed model with ramp stages (k6 ramping-vus): the user count follows the stages linearly. */
export interface RampingUsersExecutor {
  type: 'ramping-users';
  stages: Stage[];
  /** Users at time 0 (default 0). */
  startUsers?: number;
  /** Caps how fast users are added, in users per second. */
  spawnRate?: number;
}

/** Open model: start `rate` iterations per `timeUnit` whatever the target does; a wait for a connection the target held is timed from the intended start (docs/scenarios.md). */
export interface ConstantArrivalRateExecutor {
  type: 'constant-arrival-rate';
  rate: number;
  /** Default "1s". */
  timeUnit?: DurationLike;
  duration: DurationLike;
  /** Users created up front (default: rate per second, at least 1). */
  preAllocatedUsers?: number;
  /** Upper bound on users; an iteration due when all are busy is dropped and counted (default: 10 × preAllocatedUsers). */
  maxUsers?: number;
}

/** Open model whose rate follows stages (k6 ramping-arrival-rate); `target` is iterations per `timeUnit`. */
export interface RampingArrivalRateExecutor {
  type: 'ramping-arrival-rate';
  startRate?: number;
  timeUnit?: DurationLike;
  stages: Stage[];
  preAllocatedUsers?: number;
  maxUsers?: number;
}

export type ExecutorSpec = ConstantUsersExecutor | RampingUsersExecutor | ConstantArrivalRateExecutor | RampingArrivalRateExecutor;
export type ExecutorType = ExecutorSpec['type'];

// ---------------------------------------------------------------------------------------------
// Think time

export type ThinkTime =
  | { kind: 'constant'; seconds: number }
  | { kind: 'between'; min: number; max: number }
  /** Each iteration takes at least `seconds` (Locust's constant_pacing): the rest of the time is slept. */
  | { kind: 'pacing'; seconds: number };

/** Think-time constructors: `thinkTime: think.between(1, 3)`. */
export const think = {
  /** Wait exactly `seconds` after each task or journey step. */
  constant: (seconds: number): ThinkTime => ({ kind: 'constant', seconds }),
  /** Wait a uniformly random time in [min, max] seconds after each task or journey step. */
  between: (min: number, max: number): ThinkTime => ({ kind: 'between', min, max }),
  /** Start an iteration every `seconds` per user (sleep whatever the iteration did not use). */
  pacing: (seconds: number): ThinkTime => ({ kind: 'pacing', seconds }),
} as const;

/** Pause the calling user; `await sleep(0.5)`. Holds no connection. */
export function sleep(seconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, seconds * 1000)));
}

// ---------------------------------------------------------------------------------------------
// HTTP: one client per virtual user, sharing the worker's connection pool.

/** A request body: an object or array is sent as JSON; a string or bytes as they are. */
export type RequestBody = string | Uint8Array | Record<string, unknown> | unknown[] | null | undefined;

export interface RequestOptions {
  /** Extra headers for this request (over the user's `http.headers`). */
  headers?: Record<string, string>;
  /**
   * The name results and thresholds know this request by, without the method: `{ name: '/items/:id' }`
   * aggregates `/items/1` and `/items/2` as "GET /items/:id". Default: the path without its query.
   */
  name?: string;
  /** Query parameters appended to the path. */
  query?: Record<string, string | number | boolean>;
  /** Per-request timeout (default: the scenario's `timeout`, else 10 s). */
  timeout?: DurationLike;
  /** Redirects to follow within the request's origin (default: the scenario's `maxRedirects`, else 0). */
  maxRedirects?: number;
  /** Which statuses count as success for http_req_failed (default: below 400). */
  ok?: (status: number) => boolean;
  /**
   * The body is a stream of events: `'sse'` (server-sent events) or `'ndjson'` (JSON lines). Its events are timed
   * into stream:first_event / stream:event_gap / stream:events; a 2xx answer without an event fails as `stream`.
   */
  stream?: 'sse' | 'ndjson';
}

export interface HttpResponse {
  /** 0 when no response arrived (see `error`). */
  readonly status: number;
  /** Status counted as success (below 400 unless the request's `ok` says otherwise) and no network error. */
  readonly ok: boolean;
  /** Set when no response arrived: "timeout", "refused", "reset", "protocol", ... */
  readonly error?: string;
  /** Response headers, names in lower case (repeated headers joined with ", "; set-cookie with "\n"). */
  readonly headers: Readonly<Record<string, string>>;
  /** The body decoded as UTF-8. */
  readonly body: string;
  /** The body parsed as JSON; throws when it is not JSON. */
  json<T = any>(): T; // eslint-disable-line @typescript-eslint/no-explicit-any -- user-chosen shape
  /** Latency as recorded in http_req_duration, in ms. */
  readonly durationMs: number;
  /** The request name this response was recorded under ("GET /items/:id"). */
  readonly name: string;
  readonly method: string;
  /** Path and query as sent. */
  readonly path: string;
}

/** Per-user cookies for the target (name -> value); filled from Set-Cookie, sent on every request. */
export interface CookieJar {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
  delete(name: string): void;
  clear(): void;
  /** All cookies as name -> value. */
  all(): Record<string, string>;
}

export interface HttpClient {
  /** Base URL requests are resolved against (scenario `baseUrl`, else the CLI URL / config target). */
  readonly baseUrl: string;
  /** Headers sent with every request of this user; set `Authorization` here after logging in. */
  readonly headers: Record<string, string>;
  readonly cookies: CookieJar;
  get(path: string, options?: RequestOptions): Promise<HttpResponse>;
  head(path: string, options?: RequestOptions): Promise<HttpResponse>;
  del(path: string, options?: RequestOptions & { body?: RequestBody }): Promise<HttpResponse>;
  post(path: string, body?: RequestBody, options?: RequestOptions): Promise<HttpResponse>;
  put(path: string, body?: RequestBody, options?: RequestOptions): Promise<HttpResponse>;
  patch(path: string, body?: RequestBody, options?: RequestOptions): Promise<HttpResponse>;
  request(method: string, path: string, options?: RequestOptions & { body?: RequestBody }): Promise<HttpResponse>;
}

// ---------------------------------------------------------------------------------------------
// WebSocket: sessions on undici's client, timed into ws_* metrics.

export interface WsConnectOptions {
  /** Handshake headers (over the scenario's headers and the user's `http.headers`). */
  headers?: Record<string, string>;
  /** Subprotocols offered in Sec-WebSocket-Protocol. */
  protocols?: string | string[];
  /** The `name` tag of this session's metrics and checks. Default: the URL's path. */
  name?: string;
  /** How long the handshake may take (default: the scenario's `timeout`). */
  timeout?: DurationLike;
}

export interface WsWaitOptions {
  /** How long to wait for a message (default: the scenario's `timeout`). */
  timeout?: DurationLike;
}

export interface WsMessage {
  /** The message as text (binary messages decoded as UTF-8); "" when `error` is set. */
  readonly data: string;
  readonly binary: boolean;
  /** Set when no message came: "timeout", "closed", "abnormal-close", "connect", "stopped". */
  readonly error?: string;
  /** A message arrived (no `error`). */
  readonly ok: boolean;
  json<T = any>(): T; // eslint-disable-line @typescript-eslint/no-explicit-any -- user-chosen shape
  /** The session's name tag. */
  readonly name: string;
}

export interface WsSession {
  /** Connected and not broken: false after a failed handshake ("connect", "timeout") or an abnormal close. */
  readonly ok: boolean;
  readonly error?: string;
  readonly name: string;
  /** The subprotocol the server chose ("" when none). */
  readonly protocol: string;
  readonly closed: boolean;
  /** The close code once closed (1006: the connection dropped without a close frame). */
  readonly closeCode: number;
  /** Send a text (string) or binary message; false when the session is not open. Counted in ws_msgs_sent. */
  send(data: string | Uint8Array): boolean;
  /** The oldest message not yet taken, waiting for one up to the timeout. Never throws: see the message's `error`. */
  receive(options?: WsWaitOptions): Promise<WsMessage>;
  /** Send, then wait for the first message that arrives after the send; the time between is recorded in ws_round_trip. */
  request(data: string | Uint8Array, options?: WsWaitOptions): Promise<WsMessage>;
  /** Close (code 1000 by default) and wait for the peer's close frame, at most 1 s. */
  close(code?: number, reason?: string): Promise<void>;
}

export interface WsClient {
  /**
   * Open a session: `ws://` / `wss://` URLs as they are, `http(s)://` URLs and paths (joined onto the base URL)
   * with the ws scheme. Never throws: a failed handshake gives a session with `ok` false and `error` set.
   */
  connect(url: string, options?: WsConnectOptions): Promise<WsSession>;
}

// ---------------------------------------------------------------------------------------------
// Virtual users

/** What a task, step or hook receives: one virtual user. `S` is its state, `D` the global setup's data. */
export interface VU<S = Record<string, any>, D = any> { // eslint-disable-line @typescript-eslint/no-explicit-any -- user-chosen shapes
  /** Unique across the run (all workers), starting at 1. */
  readonly id: number;
  readonly scenario: string;
  /** Iterations this user has started, from 0. */
  readonly iteration: number;
  readonly http: HttpClient;
  /** WebSocket sessions; those left open are closed when the iteration ends. */
  readonly ws: WsClient;
  /** This user's own state (from the scenario's `state()`, else {}), kept across iterations. */
  state: S;
  /** What the scenario's global `setup` returned (structured-cloned into every worker). */
  readonly data: D;
  /** The next row of a feeder (see `feeder`); a `unique` feeder gives each user its own row. */
  feed<T>(f: Feeder<T>): T;
  /** Pause this user (holds no connection). */
  sleep(seconds: number): Promise<void>;
  /** Run `fn` as a named group: its duration is recorded in group_duration{group:NAME}; groups nest ("a::b"). */
  group<T>(name: string, fn: () => T | Promise<T>): Promise<T>;
}

export type TaskFn<S, D> = (vu: VU<S, D>) => unknown;

/** A node of the scenario's flow: a task (or step), or a group of them. */
export type FlowNode<S = any, D = any> = TaskNode<S, D> | GroupNode<S, D>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface TaskNode<S, D> {
  readonly kind: 'task';
  readonly name: string;
  readonly weight: number;
  readonly run: TaskFn<S, D>;
}

export interface GroupNode<S, D> {
  readonly kind: 'group';
  readonly name: string;
  readonly weight: number;
  /** 'weighted': pick one child by weight per visit; 'sequence': run every child in order. */
  readonly mode: 'weighted' | 'sequence';
  readonly children: readonly FlowNode<S, D>[];
}

/** A weighted task: `task('browse', 3, fn)` is picked three times as often as a weight-1 task (Locust's @task(3)). */
export function task<S = any, D = any>(name: string, fn: TaskFn<S, D>): TaskNode<S, D>; // eslint-disable-line @typescript-eslint/no-explicit-any
export function task<S = any, D = any>(name: string, weight: number, fn: TaskFn<S, D>): TaskNode<S, D>; // eslint-disable-line @typescript-eslint/no-explicit-any
export function task<S, D>(name: string, a: number | TaskFn<S, D>, b?: TaskFn<S, D>): TaskNode<S, D> {
  const weight = typeof a === 'number' ? a : 1;
  const run = typeof a === 'function' ? a : b;
  if (typeof run !== 'function') throw new TypeError(`task "${name}": expected a function`);
  if (!(weight >= 0) || !Number.isFinite(weight)) throw new TypeError(`task "${name}": weight must be a number >= 0`);
  return Object.freeze({ kind: 'task', name, weight, run });
}

/** A journey step (steps run in order each iteration). */
export function step<S = any, D = any>(name: string, fn: TaskFn<S, D>): TaskNode<S, D> { // eslint-disable-line @typescript-eslint/no-explicit-any
  return task(name, 1, fn);
}

/**
 * A nested group: `group('checkout', { journey: [...] })` runs its steps in order when visited;
 * `group('browse', { weight: 3, tasks: [...] })` picks one of its tasks by weight. Groups nest.
 */
export function group<S = any, D = any>( // eslint-disable-line @typescript-eslint/no-explicit-any
  name: string,
  spec: { weight?: number; tasks: FlowNode<S, D>[]; journey?: never } | { weight?: number; journey: FlowNode<S, D>[]; tasks?: never },
): GroupNode<S, D> {
  const children = spec.tasks ?? spec.journey;
  if (!Array.isArray(children) || children.length === 0) throw new TypeError(`group "${name}": give a non-empty \`tasks\` or \`journey\` list`);
  const weight = spec.weight ?? 1;
  return Object.freeze({ kind: 'group', name, weight, mode: spec.tasks ? 'weighted' : 'sequence', children: Object.freeze([...children]) });
}

// ---------------------------------------------------------------------------------------------
// Scenarios

export interface SetupContext {
  /** A client for setup/teardown requests (not recorded in the results). */
  readonly http: HttpClient;
  readonly baseUrl: string;
}

export interface ScenarioDefinition<S = Record<string, any>, D = any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Shown in results and usable as a threshold tag (`{scenario:NAME}`). Default: the export name, else "default". */
  name?: string;
  /** How users/iterations start. Default: `--profile`, or -c/-d from the CLI (constant users). */
  executor?: ExecutorSpec;
  /** Start this long after the run starts (several scenarios in one run). */
  startTime?: DurationLike;
  /** Absolute base URL, or a path joined onto the CLI URL / config target. */
  baseUrl?: string;
  /** Headers every user sends (each user may add its own in `vu.http.headers`). */
  headers?: Record<string, string>;
  /** Per-request timeout (default 10 s). */
  timeout?: DurationLike;
  /**
   * Redirects each request follows within its own origin (default 0: a 3xx is the answer, as in quick mode without
   * --max-redirects). A request's own `maxRedirects` option wins.
   */
  maxRedirects?: number;
  /** Think time after each task or step, or pacing per iteration. Default: none. */
  thinkTime?: ThinkTime;
  /** Same forms as `load.thresholds`; add `checks: ['rate>0.99']` or custom metrics. */
  thresholds?: ThresholdsConfig;
  /** Initial per-user state. */
  state?: () => S;
  /** Runs once per test before any user starts (in the main thread); its result is `vu.data`. */
  setup?: (ctx: SetupContext) => D | Promise<D>;
  /** Runs once after every user stopped, with setup's result. */
  teardown?: (data: D, ctx: SetupContext) => unknown;
  /** Runs once per user before its first iteration (log in, keep the token in `vu.state`). */
  userSetup?: (vu: VU<S, D>) => unknown;
  /** Weighted tasks: each iteration runs one, picked by weight. */
  tasks?: FlowNode<S, D>[];
  /** A sequential journey: each iteration runs every step in order. */
  journey?: FlowNode<S, D>[];
  /** One function per iteration (k6's default function). */
  run?: TaskFn<S, D>;
}

export const SCENARIO_BRAND = '__gonogoScenario';

export type Scenario<S = Record<string, any>, D = any> = Readonly<ScenarioDefinition<S, D>> & { readonly [SCENARIO_BRAND]: 1 }; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Declare a scenario. Export it (default or named; several per file are fine):
 * `export default defineScenario({ tasks: [...] })`. Exactly one of `tasks`, `journey` or `run`.
 */
export function defineScenario<S = Record<string, any>, D = any>(def: ScenarioDefinition<S, D>): Scenario<S, D> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const flows = [def.tasks, def.journey, def.run].filter((x) => x !== undefined).length;
  if (flows !== 1) throw new TypeError(`defineScenario${def.name ? ` "${def.name}"` : ''}: give exactly one of \`tasks\`, \`journey\` or \`run\``);
  return Object.freeze({ ...def, [SCENARIO_BRAND]: 1 as const });
}

export function isScenario(x: unknown): x is Scenario {
  return typeof x === 'object' && x !== null && (x as Record<string, unknown>)[SCENARIO_BRAND] === 1;
}

// ---------------------------------------------------------------------------------------------
// Checks and custom metrics

/**
 * Assertions on a value (usually a response). Each outcome is recorded in the `checks` rate metric
 * (threshold: `checks: ['rate>0.99']`, or `checks{check:status is 200}`); returns true when all pass.
 * A check that throws counts as failed.
 */
export function check<T>(value: T, checks: Record<string, (v: T) => unknown>): boolean {
  const sink = currentSink();
  const res = value as unknown as { [RESPONSE_META]?: { scenario: string; name: string } };
  const meta = typeof value === 'object' && value !== null ? res[RESPONSE_META] : undefined;
  // A request the run refused to send because it was over is not the target's fault: do not record.
  const record = (value as { error?: string } | null)?.error !== 'stopped';
  let all = true;
  for (const name in checks) {
    let ok: boolean;
    try {
      ok = Boolean(checks[name]!(value));
    } catch {
      ok = false;
    }
    if (!ok) all = false;
    if (record) sink?.check(name, ok, meta?.scenario, meta?.name);
  }
  return all;
}

/** Responses carry their scenario and request name under this key so `check` can tag its records. */
export const RESPONSE_META = Symbol.for('gonogo.response.meta');

const METRIC_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

abstract class CustomMetric {
  constructor(
    readonly name: string,
    kind: 'counter' | 'rate' | 'trend',
    time: boolean,
    description?: string,
  ) {
    if (!METRIC_NAME.test(name)) throw new TypeError(`metric name "${name}": use letters, digits and _ (starting with a letter or _)`);
    declareMetric({ name, kind, time, description });
  }
}

/** A custom counter: `orders.add(1)`; thresholds `count` and `rate` (per second). */
export class Counter extends CustomMetric {
  constructor(name: string, options: { description?: string } = {}) {
    super(name, 'counter', false, options.description);
  }
  add(value = 1, tags?: Record<string, string>): void {
    currentSink()?.metric(this.name, 'counter', value, tags);
  }
}

/** A custom rate: `cacheHit.add(true)`; threshold `rate` (fraction of true). */
export class Rate extends CustomMetric {
  constructor(name: string, options: { description?: string } = {}) {
    super(name, 'rate', false, options.description);
  }
  add(value: boolean | number, tags?: Record<string, string>): void {
    currentSink()?.metric(this.name, 'rate', value ? 1 : 0, tags);
  }
}

/** A custom trend (HDR histogram): `t.add(ms)`; thresholds p(N), avg, min, max, med. `time: true` means values are ms. */
export class Trend extends CustomMetric {
  constructor(name: string, options: { time?: boolean; description?: string } = {}) {
    super(name, 'trend', options.time ?? false, options.description);
  }
  add(value: number, tags?: Record<string, string>): void {
    currentSink()?.metric(this.name, 'trend', value, tags);
  }
}

// ---------------------------------------------------------------------------------------------
// Feeders

/**
 * Test data for users. Paths are relative to the scenario file.
 * - `sequential` (default): rows in order, wrapping around;
 * - `random`: a random row each time;
 * - `unique`: each user gets its own row, never shared with another user in the run (the run fails
 *   the user's iteration with an error when rows run out).
 */
export const feeder = {
  csv: <T = Record<string, string>>(path: string, options?: FeederOptions): Feeder<T> => createFeeder<T>({ from: 'csv', path }, options),
  json: <T = Record<string, unknown>>(path: string, options?: FeederOptions): Feeder<T> => createFeeder<T>({ from: 'json', path }, options),
  from: <T>(rows: readonly T[], options?: FeederOptions): Feeder<T> => createFeeder<T>({ from: 'rows', rows }, options),
} as const;

export type { Feeder, FeederOptions, FeedMode };
