import { z } from 'zod';
import { durationInput, isHttpUrl, positiveInt, positiveNumber, toMs, type DurationInput } from './fields.js';
import type { ConfigSection } from './section.js';

const PATH = 'expected a path starting with "/"';
const path = () => z.string({ error: PATH }).regex(/^\//, { error: PATH });
const METHOD = z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const STATUS = 'expected an HTTP status code (100-599)';
const REGEX = 'expected a valid regular expression';
const isRegex = (s: string) => {
  try {
    new RegExp(s, 'i');
    return true;
  } catch {
    return false;
  }
};

const endpoint = z.union([path(), z.strictObject({ path: path(), method: METHOD.optional() })], { error: 'expected a path or { path, method }' });

export const probeSchema = z.strictObject({
  /** Check ids (or prefixes such as "headers") to run; default all. */
  checks: z.array(z.string().min(1)).optional(),
  maxRequests: positiveInt().optional(),
  rate: positiveNumber().optional(),
  timeout: durationInput({ positive: true }).optional(),
  insecure: z.boolean().optional(),
  /** Endpoints that must refuse anonymous requests. */
  protectedEndpoints: z.array(endpoint).optional(),
  /** OpenAPI 3 / Swagger 2 file (relative to the config file): secured operations become protected endpoints. */
  openapi: z.string().min(1).optional(),
  login: z
    .strictObject({
      path: path(),
      method: z.enum(['POST', 'PUT']).optional(),
      format: z.enum(['json', 'form']).optional(),
      usernameField: z.string().min(1).optional(),
      passwordField: z.string().min(1).optional(),
      /** A valid test account: lets auth.tamper and headers.cache-control see an authenticated response. */
      username: z.string().min(1).optional(),
      password: z.string().min(1).optional(),
      /** Where the token is in the JSON answer (default: token, access_token, accessToken, jwt, id_token). */
      tokenField: z.string().min(1).optional(),
    })
    .optional(),
  /** A correctly signed but expired token, for auth.tamper's expiry case. */
  expiredToken: z.string().min(1).optional(),
  rateLimit: z
    .strictObject({
      path: path().optional(),
      method: METHOD.optional(),
      limit: positiveInt(),
      window: durationInput({ positive: true }),
    })
    .optional(),
  waf: z
    .strictObject({
      path: path().optional(),
      blockedStatuses: z.array(z.int({ error: STATUS }).min(100, { error: STATUS }).max(599, { error: STATUS })).min(1).optional(),
      blockPattern: z.string().min(1).refine(isRegex, { error: REGEX }).optional(),
    })
    .optional(),
  tls: z
    .strictObject({
      certExpiryDays: positiveInt().optional(),
      minKeyBits: positiveInt().optional(),
      /** Extra trusted CA (PEM file, relative to the config file), e.g. for a staging CA. */
      ca: z.string().min(1).optional(),
      /** The plain-http URL of the same host, for tls.redirect (default http://host when the target uses port 443). */
      httpUrl: z.string().refine((s) => isHttpUrl(s) && s.startsWith('http:'), { error: 'expected an absolute http:// URL' }).optional(),
    })
    .optional(),
  ssrf: z
    .strictObject({
      /** Loopback port for the canary listener (default: any free port). */
      canaryPort: z.int().min(0).max(65535).optional(),
      params: z.array(z.strictObject({ path: path(), param: z.string().min(1), method: z.enum(['GET', 'POST']).optional() })).optional(),
    })
    .optional(),
});

export interface ProbeEndpoint {
  readonly path: string;
  readonly method: string;
}

/** The `probe` section after normalisation: only keys the user set; durations in ms, endpoints as objects. */
export interface ProbeConfig {
  readonly checks?: readonly string[];
  readonly maxRequests?: number;
  readonly rate?: number;
  readonly timeoutMs?: number;
  readonly insecure?: boolean;
  readonly protectedEndpoints?: readonly ProbeEndpoint[];
  readonly openapi?: string;
  readonly login?: {
    readonly path: string;
    readonly method?: 'POST' | 'PUT';
    readonly format?: 'json' | 'form';
    readonly usernameField?: string;
    readonly passwordField?: string;
    readonly username?: string;
    readonly password?: string;
    readonly tokenField?: string;
  };
  readonly expiredToken?: string;
  readonly rateLimit?: { readonly path?: string; readonly method?: string; readonly limit: number; readonly windowMs: number };
  readonly waf?: { readonly path?: string; readonly blockedStatuses?: readonly number[]; readonly blockPattern?: string };
  readonly tls?: { readonly certExpiryDays?: number; readonly minKeyBits?: number; readonly ca?: string; readonly httpUrl?: string };
  readonly ssrf?: { readonly canaryPort?: number; readonly params?: readonly { path: string; param: string; method?: 'GET' | 'POST' }[] };
}

export type ProbeConfigInput = z.input<typeof probeSchema>;

export const probeSection: ConfigSection<typeof probeSchema, ProbeConfig> = {
  schema: probeSchema,
  normalise(input) {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(input)) {
      if (value === undefined) continue;
      if (key === 'timeout') out.timeoutMs = toMs(value as DurationInput);
      else if (key === 'protectedEndpoints') out.protectedEndpoints = (value as (string | { path: string; method?: string })[]).map((e) => (typeof e === 'string' ? { path: e, method: 'GET' } : { path: e.path, method: e.method ?? 'GET' }));
      else if (key === 'rateLimit') {
        const { window, ...rest } = value as { window: DurationInput; limit: number };
        out.rateLimit = { ...rest, windowMs: toMs(window) };
      } else out[key] = value;
    }
    return out as ProbeConfig;
  },
  rules(probe, { at, problems }) {
    const login = probe.login;
    if (login && (login.username === undefined) !== (login.password === undefined)) {
      problems.add([...at, 'login', login.username === undefined ? 'username' : 'password'], 'set both login.username and login.password (a valid test account), or neither');
    }
  },
};
