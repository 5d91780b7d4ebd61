import type { ProbeConfig, ProbeEndpoint } from '../core/config/probe-section.js';
import type { OpenApiOperation } from './openapi.js';

/** Everything a probe run needs, defaults applied (CLI flags > config > defaults). */
export interface ProbeSettings {
  readonly target: string;
  readonly checks?: readonly string[];
  readonly maxRequests: number;
  readonly rate?: number;
  readonly timeoutMs: number;
  readonly insecure: boolean;
  readonly dryRun: boolean;
  /** PEM text of an extra trusted CA. */
  readonly ca?: string;
  readonly protectedEndpoints: readonly ProbeEndpoint[];
  /** Endpoints derived from the OpenAPI file (already read by the caller). */
  readonly openapiEndpoints: readonly ProbeEndpoint[];
  /** Every operation of the OpenAPI file, for endpoint discovery. */
  readonly openapiOperations: readonly OpenApiOperation[];
  /** Endpoints the caller already knows (the load URL, paths in the load scenarios): discovery starts from them. */
  readonly knownEndpoints: readonly ProbeEndpoint[];
  readonly login?: LoginSettings;
  readonly expiredToken?: string;
  readonly rateLimit?: { path: string; method: string; limit: number; windowMs: number };
  readonly waf: { path: string; blockedStatuses: readonly number[]; blockPattern?: RegExp };
  readonly tls: { certExpiryDays: number; minKeyBits: number; httpUrl?: string };
  readonly ssrf: { canaryPort: number; params: readonly { path: string; param: string; method: 'GET' | 'POST' }[] };
}

export interface LoginSettings {
  path: string;
  method: 'POST' | 'PUT';
  format: 'json' | 'form';
  usernameField: string;
  passwordField: string;
  username?: string;
  password?: string;
  tokenField?: string;
}

export const DEFAULT_MAX_REQUESTS = 2000;
export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_BLOCKED = [403, 406] as const;
export const DEFAULT_CERT_EXPIRY_DAYS = 30;
export const DEFAULT_MIN_KEY_BITS = 2048;

export interface ProbeFlags {
  checks?: string[];
  maxRequests?: number;
  rate?: number;
  timeoutMs?: number;
  insecure?: boolean;
  dryRun?: boolean;
}

export function resolveSettings(target: string, config: ProbeConfig | undefined, flags: ProbeFlags, extra: { ca?: string; openapiEndpoints?: ProbeEndpoint[]; openapiOperations?: OpenApiOperation[]; knownEndpoints?: ProbeEndpoint[] } = {}): ProbeSettings {
  const c = config ?? {};
  const login: LoginSettings | undefined = c.login && {
    path: c.login.path,
    method: c.login.method ?? 'POST',
    format: c.login.format ?? 'json',
    usernameField: c.login.usernameField ?? 'username',
    passwordField: c.login.passwordField ?? 'password',
    username: c.login.username,
    password: c.login.password,
    tokenField: c.login.tokenField,
  };
  return {
    target,
    checks: flags.checks ?? c.checks,
    maxRequests: flags.maxRequests ?? c.maxRequests ?? DEFAULT_MAX_REQUESTS,
    rate: flags.rate ?? c.rate,
    timeoutMs: flags.timeoutMs ?? c.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    insecure: flags.insecure ?? c.insecure ?? false,
    dryRun: flags.dryRun ?? false,
    ca: extra.ca,
    protectedEndpoints: c.protectedEndpoints ?? [],
    openapiEndpoints: extra.openapiEndpoints ?? [],
    openapiOperations: extra.openapiOperations ?? [],
    knownEndpoints: extra.knownEndpoints ?? [],
    login,
    expiredToken: c.expiredToken,
    rateLimit: c.rateLimit && { path: c.rateLimit.path ?? new URL(target).pathname, method: c.rateLimit.method ?? 'GET', limit: c.rateLimit.limit, windowMs: c.rateLimit.windowMs },
    waf: {
      path: c.waf?.path ?? new URL(target).pathname,
      blockedStatuses: c.waf?.blockedStatuses ?? DEFAULT_BLOCKED,
      blockPattern: c.waf?.blockPattern ? new RegExp(c.waf.blockPattern, 'i') : undefined,
    },
    tls: { certExpiryDays: c.tls?.certExpiryDays ?? DEFAULT_CERT_EXPIRY_DAYS, minKeyBits: c.tls?.minKeyBits ?? DEFAULT_MIN_KEY_BITS, httpUrl: c.tls?.httpUrl },
    ssrf: { canaryPort: c.ssrf?.canaryPort ?? 0, params: (c.ssrf?.params ?? []).map((p) => ({ path: p.path, param: p.param, method: p.method ?? 'GET' })) },
  };
}
