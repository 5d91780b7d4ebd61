import { readFileSync } from 'node:fs';
import https from 'node:https';
import tls from 'node:tls';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAll, raw, startTarget, type DemoTarget } from './helpers.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/tls/${name}`, import.meta.url));
const ca = readFileSync(fixture('localhost.crt'));
let t: DemoTarget;
beforeAll(async () => {
  t = await startTarget({ tls: { cert: fixture('localhost.crt'), key: readFileSync(fixture('localhost.key'), 'utf8') } });
});
afterAll(closeAll);

function get(path: string): Promise<{ status: number; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    https
      .get({ host: '127.0.0.1', port: t.port, path, ca, servername: 'localhost', checkServerIdentity: () => undefined, agent: false }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers }));
      })
      .on('error', reject);
  });
}

/** The protocol a handshake settles on, or the error code when the server refuses. */
function handshake(version: tls.SecureVersion): Promise<string> {
  return new Promise((resolve) => {
    // SECLEVEL=0 lets our own client offer the legacy protocols, so a refusal is the server's.
    const s = tls.connect({ host: '127.0.0.1', port: t.port, minVersion: version, maxVersion: version, ciphers: 'DEFAULT@SECLEVEL=0', rejectUnauthorized: false }, () => {
      resolve(s.getProtocol() ?? 'unknown');
      s.destroy();
    });
    s.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
  });
}

describe('TLS', () => {
  it('serves HTTPS with HSTS and the usual headers', async () => {
    expect(t.url).toBe(`https://127.0.0.1:${t.port}`);
    const r = await get('/health/live');
    expect(r.status).toBe(200);
    expect(r.headers['strict-transport-security']).toBe('max-age=63072000; includeSubDomains');
    expect(r.headers['x-frame-options']).toBe('DENY');
  });

  it('offers TLS 1.3 and 1.2 and refuses 1.0 and 1.1', async () => {
    expect(await handshake('TLSv1.3')).toBe('TLSv1.3');
    expect(await handshake('TLSv1.2')).toBe('TLSv1.2');
    for (const old of ['TLSv1', 'TLSv1.1'] as const) {
      const outcome = await handshake(old);
      expect(outcome, old).not.toMatch(/^TLS/);
      expect(outcome, `${old}: the refusal must come from the server`).not.toBe('ERR_SSL_NO_PROTOCOLS_AVAILABLE');
    }
  });

  it('offers only forward-secret suites: a client offering static RSA key exchange alone is refused', async () => {
    const connect = (ciphers: string) =>
      new Promise<string>((resolve) => {
        const s = tls.connect({ host: '127.0.0.1', port: t.port, maxVersion: 'TLSv1.2', ciphers, rejectUnauthorized: false }, () => {
          resolve(s.getCipher().name);
          s.destroy();
        });
        s.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
      });
    expect(await connect('AES128-GCM-SHA256:AES256-SHA')).not.toMatch(/^AES/);
    expect(await connect('ECDHE-RSA-AES128-GCM-SHA256')).toBe('ECDHE-RSA-AES128-GCM-SHA256');
  });

  it('redirects plain HTTP on the same port to https:// with the same host, port and path', async () => {
    const r = await raw(`http://127.0.0.1:${t.port}`, 'GET', '/api/info?x=1', { headers: { host: `localhost:${t.port}` } });
    expect(r.status).toBe(308);
    expect(r.headers.location).toBe(`https://localhost:${t.port}/api/info?x=1`);
    const spoofed = await raw(`http://127.0.0.1:${t.port}`, 'GET', '/', { headers: { host: 'evil.example' } });
    expect(spoofed.headers.location).toBe(`https://127.0.0.1:${t.port}/`);
  });
});
