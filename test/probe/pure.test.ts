import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/core/config/validate.js';
import { GonogoError, UsageError } from '../../src/core/errors.js';
import { Budget, BudgetExhaustedError, OutOfScopeError, httpTwin } from '../../src/probe/budget.js';
import { assessCsp, parseCsp } from '../../src/probe/csp.js';
import { maskEvidence } from '../../src/probe/evidence.js';
import { alterSignature, decodeJwt, signHs256, unsigned } from '../../src/probe/jwt.js';
import { ATTACKS, BENIGN, buildRequest, encode, matrixCases, matrixGrade } from '../../src/probe/matrix.js';
import { grade, observatoryScore } from '../../src/probe/observatory.js';
import { protectedFromOpenApi } from '../../src/probe/openapi.js';
import { CHECK_IDS, CHECKS, selectChecks } from '../../src/probe/registry.js';

describe('check registry', () => {
  it('has every check id the issue names, each with refs and a remediation', () => {
    expect([...CHECK_IDS].sort()).toEqual(
      ['waf.sqli', 'waf.xss', 'waf.matrix', 'ratelimit', 'auth.required', 'auth.tamper', 'auth.bruteforce', 'tls.protocols', 'tls.ciphers', 'tls.certificate', 'tls.redirect', 'headers.hsts', 'headers.csp', 'headers.content-type-options', 'headers.frame-options', 'headers.referrer-policy', 'headers.permissions-policy', 'headers.cache-control', 'headers.observatory', 'cookies.flags', 'cors.policy', 'passive.pages', 'methods.trace', 'disclosure.banner', 'disclosure.errors', 'exposure.files', 'ssrf'].sort(),
    );
    for (const c of CHECKS) {
      expect(c.refs.owasp.length, c.id).toBeGreaterThan(0);
      expect(c.refs.owasp.every((o) => /^A\d\d:2021-/.test(o)), c.id).toBe(true);
      expect(c.refs.cwe.every((w) => /^CWE-\d+$/.test(w)), c.id).toBe(true);
      expect(c.refs.soc2.length * c.refs.iso27001.length, c.id).toBeGreaterThan(0);
      expect(c.remediation.length, c.id).toBeGreaterThan(20);
    }
  });

  it('selects by id or prefix and rejects unknown names with a suggestion', () => {
    expect(selectChecks(['headers']).map((c) => c.id)).toEqual(CHECK_IDS.filter((id) => id.startsWith('headers.')));
    expect(selectChecks(['ssrf', 'tls.protocols']).map((c) => c.id)).toEqual(['tls.protocols', 'ssrf']);
    expect(() => selectChecks(['headers.hst'])).toThrow(UsageError);
    try {
      selectChecks(['headers.hst']);
    } catch (err) {
      expect((err as UsageError).hint).toContain('headers.hsts');
    }
  });
});

describe('budget and scope guard', () => {
  it('refuses other origins and stops at the request budget', () => {
    const b = new Budget({ maxRequests: 2, origins: ['http://127.0.0.1:8080'] });
    expect(() => b.assertInScope('http://127.0.0.1:8080/x?y')).not.toThrow();
    expect(() => b.assertInScope('http://127.0.0.1:8081/')).toThrow(OutOfScopeError);
    expect(() => b.assertInScope('https://127.0.0.1:8080/')).toThrow(OutOfScopeError);
    b.take(0);
    b.take(0);
    expect(() => b.take(0)).toThrow(BudgetExhaustedError);
    expect(b.spent).toBe(2);
  });

  it('paces requests at --rate', () => {
    const b = new Budget({ maxRequests: 10, rate: 4, origins: [] });
    expect([b.take(0), b.take(0), b.take(0)]).toEqual([0, 250, 500]);
    expect(b.take(1000)).toBe(0);
  });

  it('knows the plain-http twin only for default-port https targets', () => {
    expect(httpTwin('https://example.com/app')).toBe('http://example.com');
    expect(httpTwin('https://127.0.0.1:8443/')).toBeUndefined();
    expect(httpTwin('http://example.com/')).toBeUndefined();
  });
});

describe('CSP parsing', () => {
  it('flags unsafe script sources and tolerates unsafe-inline next to a nonce', () => {
    expect(assessCsp(parseCsp("script-src 'self' 'unsafe-inline' *")).unsafe).toHaveLength(2);
    expect(assessCsp(parseCsp("script-src 'nonce-abc' 'unsafe-inline'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'")).unsafe).toEqual([]);
    expect(assessCsp(parseCsp("default-src 'self'")).weak.join(' ')).toContain('frame-ancestors');
    expect(assessCsp(parseCsp('img-src *')).unsafe[0]).toContain('unrestricted');
  });
});

describe('Observatory score', () => {
  it('gives the hardened header set A+ and a bare http response F', () => {
    const hardened = observatoryScore({
      https: true,
      redirection: 'to-https',
      body: '{}',
      headers: {
        'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
        'strict-transport-security': 'max-age=63072000',
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
        'content-type': 'application/json',
      },
    });
    // 100 + csp default-src none (+10) + referrer private (+5) + XFO via CSP (+5).
    expect(hardened.score).toBe(120);
    expect(hardened.grade).toBe('A+');
    const bare = observatoryScore({ https: false, redirection: 'missing', body: '', headers: {} });
    // -25 csp, -20 redirection, -20 hsts, -5 xcto, -20 xfo.
    expect(bare.score).toBe(10);
    expect(bare.grade).toBe('F');
  });

  it('awards bonuses only when the score without them is 90 or more', () => {
    const r = observatoryScore({ https: true, redirection: 'to-https', body: '', headers: { 'content-security-policy': "default-src 'none'", 'x-frame-options': 'DENY', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' } });
    // hsts missing (-20) -> 80 without bonuses: bonuses (+15) are withheld.
    expect(r.score).toBe(80);
  });

  it('maps scores to Mozilla grades', () => {
    expect([135, 100, 95, 85, 80, 70, 65, 60, 50, 45, 40, 30, 25, 24, 0].map(grade)).toEqual(['A+', 'A+', 'A', 'A-', 'B+', 'B', 'B-', 'C+', 'C', 'C-', 'D+', 'D', 'D-', 'F', 'F']);
  });
});

describe('WAF matrix plan', () => {
  it('covers every category x encoding x placement, plus the benign corpus', () => {
    const cases = matrixCases();
    expect(Object.keys(ATTACKS)).toEqual(['sqli', 'xss', 'traversal', 'cmdi', 'ssti', 'xxe', 'ldap', 'nosql', 'crlf', 'jndi']);
    expect(cases.filter((c) => c.kind === 'attack')).toHaveLength(10 * 2 * 6 * 6);
    expect(cases.filter((c) => c.kind === 'benign')).toHaveLength(BENIGN.length * 2 * 6);
  });

  it('encodes payloads and places them where the plan says', () => {
    expect(encode("' OR 1", 'url')).toBe('%27%20OR%201');
    expect(encode("'", 'double-url')).toBe('%2527');
    expect(encode('<a>', 'base64')).toBe('PGE+');
    expect(encode("a'b", 'json-unicode')).toBe('a\\u0027b');
    expect(encode('<script>alert(1)</script>', 'mixed-case')).toBe('<ScRiPt>AlErT(1)</sCrIpT>');
    const c = { kind: 'attack' as const, category: 'xss', payload: '<script>alert(1)</script>', encoding: 'plain' as const };
    expect(buildRequest({ ...c, placement: 'query' }, '/').target).toBe('/?q=<script>alert(1)</script>');
    expect(buildRequest({ ...c, placement: 'header' }, '/').headers['user-agent']).toBe('<script>alert(1)</script>');
    expect(JSON.parse(buildRequest({ ...c, placement: 'json' }, '/').body!).q).toBe('<script>alert(1)</script>');
    expect(JSON.parse(buildRequest({ ...c, encoding: 'json-unicode', placement: 'json' }, '/').body!).q).toBe('<script>alert(1)</script>');
    // Characters HTTP cannot carry raw are the only ones escaped.
    expect(buildRequest({ ...c, payload: 'x\r\nSet-Cookie: a=1', placement: 'header' }, '/').headers['user-agent']).toBe('x%0D%0ASet-Cookie: a=1');
  });

  it('grades block and pass rates', () => {
    expect(matrixGrade(100, 100)).toBe('A');
    expect(matrixGrade(96.5, 100)).toBe('A');
    expect(matrixGrade(42.5, 96.5)).toBe('F');
    expect(matrixGrade(99, 85)).toBe('D');
  });
});

describe('JWT forgery and evidence masking', () => {
  it('alters signatures and builds alg-none tokens', () => {
    const t = signHs256({ sub: 'a' }, 'k');
    expect(alterSignature(t)).not.toBe(t);
    expect(alterSignature(t).split('.').slice(0, 2)).toEqual(t.split('.').slice(0, 2));
    expect(decodeJwt(unsigned({ sub: 'a' }))?.header.alg).toBe('none');
  });

  it('masks tokens, credentials, cookies and known secrets but not auth challenges', () => {
    const token = signHs256({ sub: 'a' }, 'k');
    const text = maskEvidence(`authorization: Bearer ${token} body {"password":"hunter2-secret"} set-cookie: sid=abcdef123456; Path=/; WWW-Authenticate: Bearer realm="demo"`, ['hunter2-secret']);
    expect(text).not.toContain(token.slice(10));
    expect(text).not.toContain('hunter2-secret');
    expect(text).not.toContain('abcdef123456');
    expect(text).toContain('realm="demo"');
  });
});

describe('OpenAPI-derived protected endpoints', () => {
  it('takes operations whose effective security requires something', () => {
    const doc = {
      security: [{ bearer: [] }],
      paths: { '/items/{id}': { get: {}, delete: {} }, '/health': { get: { security: [] } }, '/login': { post: { security: [{}] } } },
    };
    expect(protectedFromOpenApi(doc)).toEqual([
      { method: 'GET', path: '/items/1' },
      { method: 'DELETE', path: '/items/1' },
    ]);
  });
});

describe('probe config section', () => {
  it('normalises endpoints, windows and defaults nothing', () => {
    const cfg = validateConfig({ probe: { protectedEndpoints: ['/a', { path: '/b', method: 'POST' }], rateLimit: { limit: 1000, window: '5m' }, waf: { blockedStatuses: [403] } } });
    expect(cfg.probe).toEqual({ protectedEndpoints: [{ path: '/a', method: 'GET' }, { path: '/b', method: 'POST' }], rateLimit: { limit: 1000, windowMs: 300_000 }, waf: { blockedStatuses: [403] } });
  });

  it('reports unknown keys with a suggestion and half a credential', () => {
    let err: unknown;
    try {
      validateConfig({ probe: { maxRequest: 5 } });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(GonogoError);
    expect((err as GonogoError).details.join('\n')).toContain('maxRequests');
    expect(() => validateConfig({ probe: { login: { path: '/login', username: 'x' } } })).toThrow(GonogoError);
    try {
      validateConfig({ probe: { login: { path: '/login', username: 'x' } } });
    } catch (e) {
      expect((e as GonogoError).details.join('\n')).toContain('probe.login.password');
    }
  });
});

describe('docs/probe.md', () => {
  it('documents every check id with its remediation', async () => {
    const { readFileSync } = await import('node:fs');
    const doc = readFileSync(new URL('../../docs/probe.md', import.meta.url), 'utf8');
    for (const c of CHECKS) {
      expect(doc, c.id).toContain(`### \`${c.id}\``);
      expect(doc, c.id).toContain(c.remediation);
    }
  });
});
