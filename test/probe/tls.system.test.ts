import https from 'node:https';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { legacyTlsProblem } from '../../src/probe/tls-self-test.js';
import { byId, probe } from './probe-helpers.js';

const TLS = new URL('../fixtures/tls/', import.meta.url);
const open: https.Server[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => new Promise((r) => (s.closeAllConnections(), s.close(r)))));
});

async function tlsServer(opts: https.ServerOptions): Promise<string> {
  const server = https.createServer({ key: readFileSync(new URL('localhost.key', TLS)), cert: readFileSync(new URL('localhost.crt', TLS)), ...opts }, (_req, res) => res.end('ok'));
  server.on('tlsClientError', () => {});
  open.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

it('our own client can negotiate TLS 1.0 and 1.1, so a refusal is the server speaking', async () => {
  expect(await legacyTlsProblem()).toBeUndefined();
});

it('tls.protocols fails on a server that still accepts TLS 1.0', async () => {
  const url = await tlsServer({ minVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0' });
  const c = byId((await probe(url, { checks: ['tls.protocols'], insecure: true })).checks)['tls.protocols']!;
  expect(c.status).toBe('fail');
  expect(c.evidence).toMatch(/TLSv1 accepted/);
});

it('tls.protocols passes on a TLS 1.2+ server, and warns when 1.3 is not offered', async () => {
  const modern = await tlsServer({ minVersion: 'TLSv1.2' });
  const ok = byId((await probe(modern, { checks: ['tls.protocols'], insecure: true })).checks)['tls.protocols']!;
  expect(ok.status, ok.evidence).toBe('pass');
  expect(ok.evidence).toMatch(/TLSv1 refused.*TLSv1\.1 refused.*TLSv1\.3 accepted/);
  const only12 = await tlsServer({ minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' });
  const w = byId((await probe(only12, { checks: ['tls.protocols'], insecure: true })).checks)['tls.protocols']!;
  expect(w.status).toBe('warn');
  expect(w.evidence).toContain('TLS 1.3 not offered');
});

it('tls.certificate fails on an untrusted chain and passes once its CA is configured', async () => {
  const url = await tlsServer({ minVersion: 'TLSv1.2' });
  const untrusted = byId((await probe(url, { checks: ['tls.certificate'], insecure: true })).checks)['tls.certificate']!;
  // --insecure turns the untrusted chain into a warning, never a pass.
  expect(untrusted.status).toBe('warn');
  expect(untrusted.evidence).toMatch(/chain not trusted/);
  const trusted = byId((await probe(url, { checks: ['tls.certificate'] }, {}, { ca: readFileSync(new URL('localhost.crt', TLS), 'utf8') })).checks)['tls.certificate']!;
  expect(trusted.status, trusted.evidence).toBe('pass');
});

it('on an http:// target without a redirect, tls.redirect fails and the other TLS checks skip with a reason', async () => {
  const { httpServer } = await import('../helpers/servers.js');
  const srv = await httpServer((_q, s) => s.end('ok'));
  try {
    const checks = byId((await probe(srv.url, { checks: ['tls', 'headers.hsts'] })).checks);
    for (const id of ['tls.protocols', 'tls.certificate', 'headers.hsts']) {
      expect(checks[id]!.status, id).toBe('skip');
      expect(checks[id]!.evidence, id).toMatch(/http:\/\//);
    }
    // Plain http that never moves to https is the very thing this check exists to catch.
    expect(checks['tls.redirect']!.status).toBe('fail');
    expect(checks['tls.redirect']!.evidence).toMatch(/http:\/\/ target is served without a redirect to https/);
  } finally {
    await srv.close();
  }
});

it('on an http:// target that redirects to https, tls.redirect passes', async () => {
  const { httpServer } = await import('../helpers/servers.js');
  const srv = await httpServer((q, s) => {
    s.writeHead(301, { location: `https://${q.headers.host}${q.url}` });
    s.end();
  });
  try {
    const check = byId((await probe(srv.url, { checks: ['tls.redirect'] })).checks)['tls.redirect']!;
    expect(check.status, check.evidence).toBe('pass');
  } finally {
    await srv.close();
  }
});
