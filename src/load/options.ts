import os from 'node:os';
import path from 'node:path';
import type { GonogoConfig } from '../core/config/schema.js';
import { GonogoError, UsageError } from '../core/errors.js';
import { parseDuration } from '../core/duration.js';
import { parseThresholds, thresholdInputsFromConfig, type ThresholdInput, type ThresholdSource } from '../core/thresholds/index.js';
import type { LoadOptions } from './engine.js';
import { resolveSplitRun } from './segment/run-identity.js';
import { STREAM_KINDS, type StreamKind } from './http/event-stream.js';
import { resolveServerMetrics, type ServerMetricsFlags } from './server/options.js';

/** Raw commander flags for `gonogo load`. */
export interface LoadFlags extends ServerMetricsFlags {
  connections?: string;
  duration?: string;
  rate?: string;
  method?: string;
  header?: string[];
  body?: string;
  workers?: string;
  timeout?: string;
  insecure?: boolean;
  http2?: boolean;
  http1?: boolean;
  streams?: string;
  sse?: boolean;
  stream?: string;
  maxEventSize?: string;
  maxRedirects?: string;
  threshold?: string[];
  abortOnFail?: boolean;
  /** docs/distributed.md */
  executionSegment?: string;
  executionSegmentSequence?: string;
  startAt?: string;
}

const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
export const LOAD_DEFAULTS = { connections: 50, durationMs: 10_000, method: 'GET', timeoutMs: 10_000 } as const;

/**
 * Merge flags over the config over defaults into validated LoadOptions. Pure apart from
 * os.availableParallelism(); every bad value names its flag or config path.
 */
export function resolveLoadOptions(urlArg: string | undefined, flags: LoadFlags, config: GonogoConfig | undefined, configFile: string | undefined, cwd: string): LoadOptions {
  const cl = config?.load;
  const url = resolveUrl(urlArg, cl?.url, config?.target);
  const connections = flags.connections !== undefined ? positiveInt(flags.connections, '--connections') : (cl?.connections ?? LOAD_DEFAULTS.connections);
  const rate = flags.rate !== undefined ? positiveNumber(flags.rate, '--rate') : (cl?.rate ?? null);
  const method = (flags.method ?? cl?.method ?? LOAD_DEFAULTS.method).toUpperCase();
  if (!METHODS.includes(method)) throw new UsageError(`unknown HTTP method "${method}"`, { where: '--method', hint: `use one of ${METHODS.join(', ')}` });
  const headers = resolveHeaders(flags, config);
  const workers = resolveWorkers(flags, config);
  return {
    url,
    method,
    headers,
    body: flags.body ?? cl?.body,
    connections,
    durationMs: flags.duration !== undefined ? positiveDuration(flags.duration, '--duration') : (cl?.durationMs ?? LOAD_DEFAULTS.durationMs),
    rate,
    workers: Math.max(1, Math.min(workers, connections)),
    timeoutMs: flags.timeout !== undefined ? positiveDuration(flags.timeout, '--timeout') : (cl?.timeoutMs ?? LOAD_DEFAULTS.timeoutMs),
    insecure: flags.insecure ?? cl?.insecure ?? false,
    protocol: resolveProtocol(flags, config),
    streams: flags.streams !== undefined ? positiveInt(flags.streams, '--streams') : (cl?.streams ?? 1),
    ...resolveStream(flags, config),
    maxRedirects: flags.maxRedirects !== undefined ? nonNegativeInt(flags.maxRedirects, '--max-redirects') : (cl?.maxRedirects ?? 0),
    // CLI thresholds are parsed together with the config's so every bad one is reported at once.
    thresholds: parseThresholds(thresholdSources(flags, config, configFile, cwd)),
    split: resolveSplitRun(flags),
    metrics: resolveServerMetrics(flags, config),
  };
}

/** --http2 / --http1 over load.protocol; both flags at once is a contradiction. */
export function resolveProtocol(flags: LoadFlags, config: GonogoConfig | undefined): 'auto' | 'http1' | 'http2' {
  if (flags.http1 && flags.http2) throw new UsageError('--http1 and --http2 contradict each other', { where: '--http2', hint: 'pass one of them, or neither to negotiate' });
  return flags.http2 ? 'http2' : flags.http1 ? 'http1' : (config?.load?.protocol ?? 'auto');
}

/** --sse / --stream KIND over load.stream: which streamed bodies to time, if any. */
function resolveStream(flags: LoadFlags, config: GonogoConfig | undefined): { stream?: StreamKind; maxEventBytes?: number } {
  const raw = flags.stream ?? (flags.sse ? 'sse' : config?.load?.stream);
  if (raw === undefined) {
    if (flags.maxEventSize !== undefined) throw new UsageError('--max-event-size applies to streamed responses only', { where: '--max-event-size', hint: 'add --sse or --stream ndjson' });
    return {};
  }
  const limit = flags.maxEventSize !== undefined ? positiveInt(flags.maxEventSize, '--max-event-size') : config?.load?.maxEventBytes;
  if (!(STREAM_KINDS as readonly string[]).includes(raw)) throw new UsageError(`unknown stream kind "${raw}"`, { where: '--stream', hint: `use one of ${STREAM_KINDS.join(', ')}` });
  if (flags.sse && flags.stream !== undefined && flags.stream !== 'sse') throw new UsageError(`--sse and --stream ${flags.stream} contradict each other`, { where: '--stream' });
  return { stream: raw as StreamKind, ...(limit !== undefined ? { maxEventBytes: limit } : {}) };
}

/** Config headers with -H flags over them, each checked so nothing malformed reaches the wire. */
export function resolveHeaders(flags: LoadFlags, config: GonogoConfig | undefined): Record<string, string> {
  const headers: Record<string, string> = { ...(config?.load?.headers ?? {}) };
  for (const h of flags.header ?? []) {
    const i = h.indexOf(':');
    if (i <= 0) throw new UsageError(`header "${h}" is not "Name: value"`, { where: '--header', hint: 'write it as -H "Authorization: Bearer TOKEN"' });
    const name = h.slice(0, i).trim();
    const value = h.slice(i + 1).trim();
    // A bad name or a CR/LF in a value would corrupt (or smuggle) requests on the wire.
    if (!HEADER_NAME.test(name)) throw new UsageError(`header name "${name}" has characters HTTP does not allow`, { where: '--header', hint: 'names are letters, digits and !#$%&\'*+-.^_`|~' });
    if (/[\r\n\0]/.test(value)) throw new UsageError(`header "${name}" has a CR, LF or NUL in its value`, { where: '--header' });
    headers[name] = value;
  }
  return headers;
}

export function resolveWorkers(flags: LoadFlags, config: GonogoConfig | undefined): number {
  const cl = config?.load;
  const workersRaw = flags.workers ?? (cl?.workers === undefined ? 'auto' : String(cl.workers));
  return workersRaw === 'auto' ? os.availableParallelism() : positiveInt(workersRaw, '--workers');
}

/** Config thresholds then --threshold flags, unparsed (scripted runs parse them with the scenario's custom metrics). */
export function thresholdSources(flags: LoadFlags, config: GonogoConfig | undefined, configFile: string | undefined, cwd: string): ThresholdSource[] {
  const cl = config?.load;
  const where = configFile ? `${path.relative(cwd, configFile) || configFile}: load.thresholds` : 'load.thresholds';
  const cliInputs = (flags.threshold ?? []).map((t, i) => ({ input: (flags.abortOnFail ? { threshold: t, abortOnFail: true } : t) as string | ThresholdInput, where: `--threshold #${i + 1}` }));
  const cfgInputs = cl?.thresholds === undefined ? [] : thresholdInputsFromConfig(cl.thresholds, where);
  return [...cfgInputs, ...cliInputs];
}

/** The URL argument, load.url or target as a URL; undefined when none is given (a scenario may name its own). */
export function resolveOptionalUrl(arg: string | undefined, config: GonogoConfig | undefined): URL | undefined {
  if (arg === undefined && config?.load?.url === undefined && config?.target === undefined) return undefined;
  return resolveUrl(arg, config?.load?.url, config?.target);
}

export { positiveInt, positiveDuration, positiveNumber };

function resolveUrl(arg: string | undefined, cfgUrl: string | undefined, target: string | undefined): URL {
  const raw = arg ?? cfgUrl;
  if (raw === undefined && target === undefined) {
    throw new UsageError('no target URL', { where: 'gonogo load <url>', hint: 'pass a URL (gonogo load http://127.0.0.1:8080/) or set `target` / `load.url` in gonogo.config' });
  }
  let url: URL;
  try {
    url = raw === undefined ? new URL(target!) : target !== undefined && !/^[a-z]+:\/\//i.test(raw) ? new URL(raw, target) : new URL(raw);
  } catch {
    throw new GonogoError('GONOGO_URL_INVALID', `"${raw ?? target}" is not a valid URL`, { where: arg !== undefined ? '<url>' : 'load.url', hint: 'use an absolute URL such as http://127.0.0.1:8080/health' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new GonogoError('GONOGO_URL_INVALID', `unsupported protocol "${url.protocol}" in ${url.href}`, { where: arg !== undefined ? '<url>' : 'load.url', hint: 'gonogo load speaks http:// and https://' });
  }
  return url;
}

function positiveDuration(v: string, where: string): number {
  const ms = parseDuration(v, where);
  if (ms <= 0) throw new UsageError(`${where} must be longer than 0, got "${v}"`, { where, hint: 'e.g. 30s, 2m, 500ms' });
  return ms;
}

function positiveInt(v: string, where: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${where} must be a whole number of at least 1, got "${v}"`, { where });
  return n;
}

function nonNegativeInt(v: string, where: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 20) throw new UsageError(`${where} must be a whole number from 0 to 20, got "${v}"`, { where });
  return n;
}

function positiveNumber(v: string, where: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${where} must be a number greater than 0, got "${v}"`, { where });
  return n;
}
