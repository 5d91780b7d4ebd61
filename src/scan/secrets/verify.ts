import { UsageError } from '../../core/errors.js';
import type { SecretHit } from './findings.js';

/**
 * `--verify`: ask the provider that issued a credential whether it is live, through a harmless identity endpoint
 * (who am I; nothing is read, written or billed). Off by default: it sends the secret to that provider (only there,
 * over HTTPS) and the provider may record the use. Bounded: MAX_VERIFICATIONS distinct secrets per run, CONCURRENCY
 * at once, TIMEOUT_MS each. The result goes in the finding as `verified: true | false | "error"`.
 */
export const MAX_VERIFICATIONS = 20;
const CONCURRENCY = 4;
const TIMEOUT_MS = 5000;
/** Tests only: send every check to this loopback server instead of the providers. */
export const VERIFY_BASE_ENV = 'GONOGO_VERIFY_BASE_URL';

type Verdict = true | false | 'error';

interface Provider {
  base: string;
  request(secret: string): { path: string; init: RequestInit };
  judge(res: Response): Promise<Verdict>;
}

const byStatus = (live: number[], dead: number[]) => async (res: Response): Promise<Verdict> => (live.includes(res.status) ? true : dead.includes(res.status) ? false : 'error');

const GITHUB: Provider = {
  base: 'https://api.github.com',
  request: (s) => ({ path: '/user', init: { headers: { authorization: `token ${s}`, accept: 'application/vnd.github+json', 'user-agent': 'gonogo-verify' } } }),
  // 403 on /user: an app installation token, authenticated but not allowed this endpoint: live.
  judge: byStatus([200, 403], [401]),
};
const GITLAB: Provider = {
  base: 'https://gitlab.com',
  request: (s) => ({ path: '/api/v4/user', init: { headers: { 'private-token': s } } }),
  judge: byStatus([200, 403], [401]),
};
const SLACK: Provider = {
  base: 'https://slack.com',
  request: (s) => ({ path: '/api/auth.test', init: { method: 'POST', headers: { authorization: `Bearer ${s}` } } }),
  async judge(res) {
    if (res.status !== 200) return 'error';
    const body = (await res.json().catch(() => undefined)) as { ok?: boolean; error?: string } | undefined;
    if (body?.ok === true) return true;
    return ['invalid_auth', 'not_authed', 'token_revoked', 'token_expired', 'account_inactive'].includes(body?.error ?? '') ? false : 'error';
  },
};
const STRIPE: Provider = {
  base: 'https://api.stripe.com',
  request: (s) => ({ path: '/v1/account', init: { headers: { authorization: `Basic ${Buffer.from(`${s}:`).toString('base64')}` } } }),
  // 403: a restricted key without the account permission, still a live key.
  judge: byStatus([200, 403], [401]),
};
const OPENAI: Provider = {
  base: 'https://api.openai.com',
  request: (s) => ({ path: '/v1/models', init: { headers: { authorization: `Bearer ${s}` } } }),
  judge: byStatus([200, 403], [401]),
};

/** Rule id -> the provider that can say whether its secret is live. */
export const VERIFIERS: Readonly<Record<string, Provider>> = Object.freeze({
  'secrets.github-pat': GITHUB,
  'secrets.github-oauth-token': GITHUB,
  'secrets.github-user-to-server-token': GITHUB,
  'secrets.github-app-token': GITHUB,
  'secrets.github-fine-grained-pat': GITHUB,
  'secrets.gitlab-pat': GITLAB,
  'secrets.slack-bot-token': SLACK,
  'secrets.slack-user-token': SLACK,
  'secrets.stripe-secret-key': STRIPE,
  'secrets.stripe-test-secret-key': STRIPE,
  'secrets.stripe-restricted-key': STRIPE,
  'secrets.openai-api-key': OPENAI,
});

/** The loopback override, checked: a stray variable must never send secrets anywhere else. */
function overrideBase(): string | undefined {
  const raw = process.env[VERIFY_BASE_ENV];
  if (raw === undefined || raw === '') return undefined;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    u = new URL('http://invalid.invalid');
  }
  if (u.protocol !== 'http:' || !['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname)) {
    throw new UsageError(`${VERIFY_BASE_ENV} must be a loopback http URL (tests only)`, { where: VERIFY_BASE_ENV, hint: 'unset it to verify against the real providers' });
  }
  return raw.replace(/\/+$/, '');
}

export interface VerifyStats {
  checked: number;
  /** Distinct verifiable secrets left unchecked because of MAX_VERIFICATIONS. */
  skipped: number;
}

/** Sets `verified` on every hit whose rule has a provider (same secret, one request), up to the bounds. */
export async function verifyHits(hits: SecretHit[], signal?: AbortSignal): Promise<VerifyStats> {
  const base = overrideBase();
  const groups = new Map<string, SecretHit[]>();
  for (const h of hits) {
    if (!VERIFIERS[h.rule.id] || h.allow.status === 'allowed') continue;
    const key = `${h.rule.id}\0${h.secret}`;
    const g = groups.get(key);
    if (g) g.push(h);
    else groups.set(key, [h]);
  }
  const todo = [...groups.values()].slice(0, MAX_VERIFICATIONS);
  let next = 0;
  const worker = async () => {
    while (next < todo.length) {
      const group = todo[next++]!;
      const verdict = await verifyOne(VERIFIERS[group[0]!.rule.id]!, group[0]!.secret, base, signal);
      for (const h of group) h.verified = verdict;
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, todo.length) }, worker));
  return { checked: todo.length, skipped: groups.size - todo.length };
}

async function verifyOne(p: Provider, secret: string, base: string | undefined, signal?: AbortSignal): Promise<Verdict> {
  const { path, init } = p.request(secret);
  const timeout = AbortSignal.timeout(TIMEOUT_MS);
  try {
    const res = await fetch(`${base ?? p.base}${path}`, { ...init, redirect: 'error', signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
    try {
      return await p.judge(res);
    } finally {
      await res.body?.cancel().catch(() => undefined);
    }
  } catch {
    // Network error, timeout, redirect: no answer about the secret. The error text is not kept (it may echo the URL).
    return 'error';
  }
}
