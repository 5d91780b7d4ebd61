import { joinUrl } from '../core/config/load-section.js';
import type { ProbeEndpoint } from '../core/config/probe-section.js';
import { maskIn } from '../core/mask.js';
import { Budget, BudgetExhaustedError } from './budget.js';
import type { Canary } from './canary.js';
import { describeRequest, describeResponse, maskEvidence } from './evidence.js';
import type { HttpClient, ProbeRequest, ProbeResponse } from './http.js';
import { header } from './http.js';
import type { LoginSettings, ProbeSettings } from './settings.js';
import { handshake, type HandshakeResult, type TlsVersion } from './tls-client.js';
import { sentCertificates } from './tls-wire-chain.js';

/** A logged-in session from the configured test account. */
export interface Session {
  /** Headers that authenticate a request (Authorization or Cookie). */
  headers: Record<string, string>;
  /** The JWT or opaque token, when the login answered with one. */
  token?: string;
  /** Where the token came from, for evidence. */
  via: 'bearer' | 'cookie';
  loginRequest: ProbeRequest;
  loginResponse: ProbeResponse;
}

export interface ProtectedList {
  endpoints: ProbeEndpoint[];
  source: 'config' | 'openapi' | 'well-known';
}

/** Candidate paths when nothing is configured: commonly protected, and harmless to GET anonymously. */
const WELL_KNOWN_PROTECTED = ['/admin', '/api/admin', '/api/users', '/api/me', '/api/account', '/me'];
const LOGIN_CANDIDATES = ['/login', '/api/login', '/auth/login', '/api/auth/login', '/signin', '/api/session'];
const TOKEN_FIELDS = ['token', 'access_token', 'accessToken', 'jwt', 'id_token', 'idToken'];

/**
 * What every check gets: the settings, a budgeted and scope-guarded `send`, shared lazily computed
 * facts (the baseline response, the login endpoint, a session), TLS handshakes and the SSRF canary.
 */
export class ProbeContext {
  readonly secrets = new Set<string>();
  /** Requests recorded by --dry-run: check id and the request as text. */
  readonly planned: { check: string; request: string }[] = [];
  currentCheck = '';
  /** Requests the current check may send (set by the planner in run.ts) and has sent. */
  private allowance = Number.POSITIVE_INFINITY;
  private checkSpent = 0;
  private readonly memos = new Map<string, Promise<unknown>>();
  private readonly settled = new Map<string, unknown>();

  constructor(
    readonly settings: ProbeSettings,
    private readonly client: HttpClient,
    readonly budget: Budget,
    readonly canary: Canary | undefined,
  ) {
    if (settings.login?.password) this.secrets.add(settings.login.password);
    if (settings.expiredToken) this.secrets.add(settings.expiredToken);
  }

  get target(): URL {
    return new URL(this.settings.target);
  }

  get isHttps(): boolean {
    return this.target.protocol === 'https:';
  }

  /** A path joined onto the target's path (config paths are relative to the base URL). */
  url(path: string): string {
    return joinUrl(this.settings.target, path);
  }

  /** Start a check (or the discovery phase) with its share of the budget. */
  begin(check: string, allowance: number): void {
    this.currentCheck = check;
    this.allowance = allowance;
    this.checkSpent = 0;
  }

  /** Requests the current check may still send: its share, and never more than the budget has left. */
  get room(): number {
    return Math.max(0, Math.min(this.budget.remaining, this.allowance - this.checkSpent));
  }

  /** Counts one request against the current check's share and the budget; returns the pacing wait. */
  private take(): number {
    if (this.checkSpent >= this.allowance && this.budget.remaining > 0) throw new BudgetExhaustedError(this.allowance, true);
    const wait = this.budget.take(performance.now());
    this.checkSpent++;
    return wait;
  }

  async send(req: ProbeRequest): Promise<ProbeResponse> {
    this.budget.assertInScope(req.url);
    const wait = this.take();
    if (this.settings.dryRun) {
      this.planned.push({ check: this.currentCheck, request: this.mask(describeRequest(req)) });
      return { status: 0, headers: {}, body: '', ms: 0, dryRun: true };
    }
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    return this.client.send(req);
  }

  /** TLS handshake against the target; counts against the budget like a request. */
  async handshake(version?: TlsVersion, extra: { ciphers?: string; requestOcsp?: boolean } = {}): Promise<HandshakeResult> {
    const t = this.target;
    this.budget.assertInScope(t.href);
    this.take();
    if (this.settings.dryRun) {
      this.planned.push({ check: this.currentCheck, request: `TLS handshake ${version ?? 'any version'}${extra.ciphers ? ` offering ${extra.ciphers}` : ''} with ${t.host}` });
      return { ok: false, error: 'dry run' };
    }
    const host = t.hostname.replace(/^\[|\]$/g, '');
    const servername = /^[\d.]+$|:/.test(host) ? undefined : host;
    return handshake(host, Number(t.port || 443), { version, ca: this.settings.ca, servername, timeoutMs: this.settings.timeoutMs, ...extra });
  }

  /** The certificates in the order the server sends them (a TLS 1.2 handshake); counts against the budget like a request. */
  async sentChain(): Promise<Buffer[] | undefined> {
    const t = this.target;
    this.budget.assertInScope(t.href);
    this.take();
    if (this.settings.dryRun) {
      this.planned.push({ check: this.currentCheck, request: `TLS 1.2 handshake with ${t.host} to read the certificates in the order sent` });
      return undefined;
    }
    const host = t.hostname.replace(/^\[|\]$/g, '');
    const servername = /^[\d.]+$|:/.test(host) ? undefined : host;
    return sentCertificates(host, Number(t.port || 443), { servername, timeoutMs: this.settings.timeoutMs });
  }

  mask(text: string): string {
    return maskEvidence(text, this.secrets);
  }

  /** Only the secrets this run knows (password, tokens) masked: for our own payloads, where a cookie-shaped attack string must stay replayable. */
  maskKnown(text: string): string {
    return maskIn(text, this.secrets);
  }

  /** "GET /x → 200 (Server: ...)", masked. */
  show(req: ProbeRequest, res: ProbeResponse, headers: string[] = []): string {
    return this.mask(`${describeRequest(req)} ${describeResponse(res, headers)}`);
  }

  /** Compute a shared fact once per run (checks that need the same request share it). */
  memo<T>(key: string, fn: () => Promise<T>): Promise<T> {
    let p = this.memos.get(key) as Promise<T> | undefined;
    if (!p) {
      p = fn();
      p.then((v) => this.settled.set(key, v)).catch(() => undefined);
      this.memos.set(key, p);
    }
    return p;
  }

  /** A shared fact already computed (and settled) this run, else undefined; never starts the computation. */
  memoised<T>(key: string): T | undefined {
    return this.settled.get(key) as T | undefined;
  }

  /** GET on the base URL, sent once and shared by the header checks. */
  baseline(): Promise<{ req: ProbeRequest; res: ProbeResponse }> {
    return this.memo('baseline', async () => {
      const req = { method: 'GET', url: this.settings.target };
      return { req, res: await this.send(req) };
    });
  }

  /** The configured login endpoint, or the first common one that exists (answers a bad login with anything but 404/405). */
  loginEndpoint(): Promise<LoginSettings | undefined> {
    return this.memo('login', async () => {
      if (this.settings.login) return this.settings.login;
      for (const path of LOGIN_CANDIDATES) {
        const candidate: LoginSettings = { path, method: 'POST', format: 'json', usernameField: 'username', passwordField: 'password' };
        const res = await this.send(this.loginRequest(candidate, 'gonogo-probe-nobody', 'gonogo-probe-wrong'));
        if (res.status !== 0 && res.status !== 404 && res.status !== 405 && res.status < 500 && !(res.status >= 200 && res.status < 300 && /<html/i.test(res.body))) return candidate;
      }
      return undefined;
    });
  }

  loginRequest(login: LoginSettings, username: string, password: string): ProbeRequest {
    const fields = { [login.usernameField]: username, [login.passwordField]: password };
    const body = login.format === 'json' ? JSON.stringify(fields) : new URLSearchParams(fields).toString();
    const type = login.format === 'json' ? 'application/json' : 'application/x-www-form-urlencoded';
    return { method: login.method, url: this.url(login.path), headers: { 'content-type': type }, body };
  }

  /** Log in with the configured test account; undefined without one or when the login fails. */
  session(): Promise<Session | undefined> {
    return this.memo('session', async (): Promise<Session | undefined> => {
      const login = this.settings.login;
      if (!login?.username || !login.password) return undefined;
      const loginRequest = this.loginRequest(login, login.username, login.password);
      const loginResponse = await this.send(loginRequest);
      if (loginResponse.status < 200 || loginResponse.status >= 300) return undefined;
      let token: string | undefined;
      try {
        const json = JSON.parse(loginResponse.body) as Record<string, unknown>;
        for (const f of login.tokenField ? [login.tokenField] : TOKEN_FIELDS) {
          const v = f.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), json);
          if (typeof v === 'string' && v.length > 0) {
            token = v;
            break;
          }
        }
      } catch {
        // not JSON: the session may be a cookie
      }
      if (token) {
        this.secrets.add(token);
        return { headers: { authorization: `Bearer ${token}` }, token, via: 'bearer', loginRequest, loginResponse };
      }
      const cookies = ([] as string[]).concat(loginResponse.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]!.trim()).filter((c) => c.includes('='));
      if (cookies.length === 0) return undefined;
      for (const c of cookies) this.secrets.add(c.slice(c.indexOf('=') + 1));
      const jwtCookie = cookies.map((c) => c.slice(c.indexOf('=') + 1)).find((v) => /^eyJ[\w-]+\.[\w-]+\.[\w-]*$/.test(v));
      return { headers: { cookie: cookies.join('; ') }, token: jwtCookie, via: 'cookie', loginRequest, loginResponse };
    });
  }

  /** Configured endpoints, else the OpenAPI-derived ones, else the well-known paths that exist. */
  protectedEndpoints(): Promise<ProtectedList> {
    return this.memo('protected', async () => {
      if (this.settings.protectedEndpoints.length) return { endpoints: [...this.settings.protectedEndpoints], source: 'config' as const };
      if (this.settings.openapiEndpoints.length) return { endpoints: [...this.settings.openapiEndpoints], source: 'openapi' as const };
      return { endpoints: WELL_KNOWN_PROTECTED.map((path) => ({ path, method: 'GET' })), source: 'well-known' as const };
    });
  }

  /** True when the response is what the config calls "blocked" (status or block-page pattern). */
  isBlocked(res: ProbeResponse): boolean {
    if (this.settings.waf.blockedStatuses.includes(res.status)) return true;
    const p = this.settings.waf.blockPattern;
    return p !== undefined && res.status !== 0 && p.test(res.body);
  }

  header(res: ProbeResponse, name: string): string | undefined {
    return header(res, name);
  }
}
