import { SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKEN_CLAIMS } from '../../src/demo/auth/tokens.js';
import { closeAll, login, raw, startTarget, type DemoTarget } from './helpers.js';

const SECRET = 'test-secret-of-at-least-32-bytes!!';
const key = new TextEncoder().encode(SECRET);
let t: DemoTarget;
beforeAll(async () => {
  t = await startTarget({ auth: { secret: SECRET } });
});
afterAll(closeAll);

const sign = (claims: { exp?: number; role?: string; sub?: string }, secret = key) =>
  new SignJWT({ role: claims.role ?? 'user' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub ?? 'demo')
    .setIssuer(TOKEN_CLAIMS.issuer)
    .setAudience(TOKEN_CLAIMS.audience)
    .setIssuedAt()
    .setExpirationTime(claims.exp ?? Math.floor(Date.now() / 1000) + 600)
    .sign(secret);

describe('bearer-token auth', () => {
  it('logs in and uses the token', async () => {
    const r = await raw(t.url, 'POST', '/api/auth/login', { body: { username: 'demo', password: 'demo-password' } });
    expect(r.status).toBe(200);
    expect(r.json()).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    const me = await raw(t.url, 'GET', '/api/auth/me', { token: r.json().access_token });
    expect(me.json()).toEqual({ username: 'demo', role: 'user' });
  });

  it('accepts a form-encoded login too', async () => {
    const r = await raw(t.url, 'POST', '/api/auth/login', { body: 'username=alice&password=alice-password', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(r.status).toBe(200);
  });

  it('answers 401 with a Bearer challenge on every protected route without a token', async () => {
    for (const [m, p] of [['GET', '/api/items'], ['POST', '/api/items'], ['GET', '/api/items/x'], ['POST', '/api/tasks'], ['GET', '/api/tasks/x'], ['POST', '/api/model/chat'], ['POST', '/api/model/generate'], ['GET', '/api/tools'], ['POST', '/api/tools/echo/run'], ['GET', '/api/admin/knobs'], ['GET', '/api/auth/me'], ['GET', '/api/me']] as const) {
      const r = await raw(t.url, m, p, m === 'POST' ? { body: {} } : {});
      expect(r.status, `${m} ${p}`).toBe(401);
      expect(r.headers['www-authenticate']).toMatch(/^Bearer /);
    }
  });

  it('rejects a tampered signature, alg none, a wrong key, a wrong scheme and an expired token with 401', async () => {
    const good = await sign({});
    expect((await raw(t.url, 'GET', '/api/items', { token: good })).status).toBe(200);
    const [h, p, s] = good.split('.');
    const flipped = `${h}.${p}.${s!.slice(0, -2)}${s!.endsWith('AA') ? 'BB' : 'AA'}`;
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString());
    const elevated = `${h}.${Buffer.from(JSON.stringify({ ...payload, role: 'admin' })).toString('base64url')}.${s}`;
    const none = new UnsecuredJWT({ role: 'admin' }).setSubject('demo').setIssuer(TOKEN_CLAIMS.issuer).setAudience(TOKEN_CLAIMS.audience).setExpirationTime('10m').encode();
    const otherKey = await sign({}, new TextEncoder().encode('another-secret-another-secret-xx'));
    const expired = await sign({ exp: Math.floor(Date.now() / 1000) - 60 });
    for (const [name, token] of Object.entries({ flipped, elevated, none, otherKey, expired })) {
      const r = await raw(t.url, 'GET', '/api/items', { token });
      expect(r.status, name).toBe(401);
      expect(r.headers['www-authenticate'], name).toContain('invalid_token');
    }
    expect((await raw(t.url, 'GET', '/api/items', { headers: { authorization: `Basic ${Buffer.from('demo:demo-password').toString('base64')}` } })).status).toBe(401);
  });

  it('answers 403 to a user on an admin route, 200 to an admin', async () => {
    expect((await raw(t.url, 'GET', '/api/admin/knobs', { token: await login(t, 'demo') })).status).toBe(403);
    expect((await raw(t.url, 'GET', '/api/admin/knobs', { token: await login(t, 'admin') })).status).toBe(200);
  });
});

describe('login throttling', () => {
  it('locks known and unknown names after 5 failures with the same answers', async () => {
    const target = await startTarget({ auth: { maxFailures: 5, lockoutMs: 60_000 } });
    const attempt = (username: string, password = 'wrong') => raw(target.url, 'POST', '/api/auth/login', { body: { username, password } });
    const seq = async (username: string) => {
      const out: { status: number; body: string; retry: string | undefined }[] = [];
      for (let i = 0; i < 7; i++) {
        const r = await attempt(username);
        out.push({ status: r.status, body: r.body, retry: r.headers['retry-after'] === undefined ? undefined : 'set' });
      }
      return out;
    };
    const known = await seq('alice');
    const unknown = await seq('mallory');
    expect(known.map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 429, 429]);
    expect(unknown).toEqual(known);
    // Locked means locked: even the right password waits.
    expect((await attempt('alice', 'alice-password')).status).toBe(429);
    // Other accounts are unaffected.
    expect((await attempt('demo', 'demo-password')).status).toBe(200);
  });
});
