import { execFile } from 'node:child_process';
import https from 'node:https';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { afterEach, expect, it } from 'vitest';
import { tmpDir } from '../helpers/cli.js';
import { requireProgram } from '../helpers/system.js';
import { byId, probe } from './probe-helpers.js';

const TLS = new URL('../fixtures/tls/', import.meta.url);
const open: https.Server[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => new Promise((r) => (s.closeAllConnections(), s.close(r)))));
});

async function tlsServer(opts: https.ServerOptions, setup?: (s: https.Server) => void): Promise<{ url: string; port: number }> {
  const server = https.createServer({ key: readFileSync(new URL('localhost.key', TLS)), cert: readFileSync(new URL('localhost.crt', TLS)), ...opts }, (_req, res) => res.end('ok'));
  server.on('tlsClientError', () => {});
  setup?.(server);
  open.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return { url: `https://127.0.0.1:${port}/`, port };
}

/** "TLSv1.2 AES256-SHA" for every suite sslscan lists as accepted or preferred. */
async function sslscanSuites(port: number): Promise<string[]> {
  const { stdout } = await promisify(execFile)('sslscan', ['--no-colour', '--no-heartbleed', '--no-renegotiation', '--no-compression', '--no-fallback', '--no-groups', '--no-check-certificate', `127.0.0.1:${port}`], { timeout: 120_000 });
  return [...stdout.matchAll(/^(?:Preferred|Accepted)\s+(TLSv1\.[0-3]|TLSv1)\s+\d+ bits\s+(\S+)/gm)].map((m) => `${m[1]} ${m[2]}`).sort();
}

/** The same pairs from the check's evidence ("TLSv1.2: A, B (no FS); TLSv1.3: C"). */
function ourSuites(evidence: string): string[] {
  return [...evidence.matchAll(/(TLSv1(?:\.[0-3])?): ([^;]+)/g)].flatMap((m) => m[2]!.split(', ').map((n) => `${m[1]} ${n.replace(/ \(.*\)$/, '')}`)).sort();
}

interface TestsslEntry {
  id: string;
  finding: string;
}

/**
 * testssl.sh (Debian's /usr/bin/testssl) on a loopback port: protocols (-p), forward secrecy (-f) and the suites per
 * protocol (-E), through the system OpenSSL (--ssl-native: far fewer handshakes than its socket mode), no DNS.
 */
async function testssl(port: number): Promise<TestsslEntry[]> {
  const out = path.join(tmpDir('gonogo-testssl-'), 'testssl.json');
  const args = ['--warnings', 'off', '--quiet', '--color', '0', '--ssl-native', '--nodns', 'none', '-p', '-f', '-E', '--jsonfile', out, `127.0.0.1:${port}`];
  // testssl exits non-zero when it finds anything to complain about; its JSON file is the answer either way.
  await promisify(execFile)('testssl', args, { timeout: 600_000 }).catch((err: { killed?: boolean }) => {
    if (err.killed) throw err;
  });
  return JSON.parse(readFileSync(out, 'utf8')) as TestsslEntry[];
}

const MIXED = 'ECDHE-RSA-AES128-GCM-SHA256:AES256-SHA:DHE-RSA-AES128-SHA:TLS_AES_128_GCM_SHA256';

it('tls.ciphers lists the same suites per protocol as sslscan, and warns on static-RSA key exchange', async () => {
  const srv = await tlsServer({ minVersion: 'TLSv1.2', ciphers: MIXED, dhparam: 'auto' });
  const c = byId((await probe(srv.url, { checks: ['tls.ciphers'], insecure: true })).checks)['tls.ciphers']!;
  expect(c.status, c.evidence).toBe('warn');
  expect(c.evidence).toContain('suites without forward secrecy (static RSA key exchange): TLSv1.2 AES256-SHA');
  expect(c.evidence).toMatch(/DH 2048 bits/);
  const ours = ourSuites(c.evidence.slice(c.evidence.indexOf(' — ') + 3));
  expect(ours).toEqual(['TLSv1.2 AES256-SHA', 'TLSv1.2 DHE-RSA-AES128-SHA', 'TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256', 'TLSv1.3 TLS_AES_128_GCM_SHA256']);
  if (requireProgram('sslscan')) expect(ours).toEqual(await sslscanSuites(srv.port));
}, 180_000);

it('tls.protocols and tls.ciphers agree with testssl.sh on protocols, suites per protocol and forward secrecy', async () => {
  if (!requireProgram('testssl')) return;
  const srv = await tlsServer({ minVersion: 'TLSv1.2', ciphers: MIXED, dhparam: 'auto' });
  const checks = byId((await probe(srv.url, { checks: ['tls.protocols', 'tls.ciphers'], insecure: true })).checks);
  const report = await testssl(srv.port);
  const entry = (id: string) => report.find((e) => e.id === id)?.finding ?? `(no ${id} in testssl's report)`;
  // Protocols: testssl's "offered" / "not offered" against our accepted / refused.
  const names = { TLS1: 'TLSv1', TLS1_1: 'TLSv1.1', TLS1_2: 'TLSv1.2', TLS1_3: 'TLSv1.3' } as const;
  for (const [id, ours] of Object.entries(names)) {
    const offered = /^offered/.test(entry(id));
    expect(checks['tls.protocols']!.evidence, `${id}: testssl says "${entry(id)}"`).toMatch(new RegExp(`${ours.replace('.', '\\.')} ${offered ? 'accepted' : 'refused'}`));
  }
  // Suites per protocol: testssl's cipher-tls1_2_x35 "TLS 1.2   x35   AES256-SHA   RSA ..." entries.
  const suites = report.filter((e) => e.id.startsWith('cipher-tls')).map((e) => /^TLS 1(?:\.(\d))?\s+x[0-9a-f]+\s+(\S+)\s+(\S+)/.exec(e.finding)!);
  const theirs = suites.map((m) => `TLSv1${m[1] ? `.${m[1]}` : ''} ${m[2]}`).sort();
  const evidence = checks['tls.ciphers']!.evidence;
  expect(ourSuites(evidence.slice(evidence.indexOf(' — ') + 3))).toEqual(theirs);
  // Forward secrecy: testssl's PFS list is our suites without "(no FS)"; its static-RSA suites are the ones we warn on.
  const fs = entry('PFS_ciphers').split(/\s+/).sort();
  const ourFs = ourSuites(evidence.slice(evidence.indexOf(' — ') + 3)).map((s) => s.split(' ')[1]!).filter((n) => !new RegExp(`${n} \\(no FS\\)`).test(evidence));
  expect(ourFs.sort()).toEqual(fs);
  const staticRsa = suites.filter((m) => m[3] === 'RSA').map((m) => `TLSv1${m[1] ? `.${m[1]}` : ''} ${m[2]}`);
  expect(staticRsa).toEqual(['TLSv1.2 AES256-SHA']);
  expect(evidence).toContain(`suites without forward secrecy (static RSA key exchange): ${staticRsa.join(', ')}`);
}, 900_000);

it('tls.ciphers passes a server with forward-secret AEAD suites only', async () => {
  const srv = await tlsServer({ minVersion: 'TLSv1.2', ciphers: 'ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-CHACHA20-POLY1305:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256' });
  const c = byId((await probe(srv.url, { checks: ['tls.ciphers'], insecure: true })).checks)['tls.ciphers']!;
  expect(c.status, c.evidence).toBe('pass');
  expect(c.evidence).toMatch(/^4 suites, all with forward secrecy/);
});

it('tls.certificate reports OCSP stapling and the chain', async () => {
  const none = await tlsServer({});
  const plain = byId((await probe(none.url, { checks: ['tls.certificate'], insecure: true })).checks)['tls.certificate']!;
  expect(plain.evidence).toContain('no OCSP stapling');
  expect(plain.evidence).toMatch(/chain CN=\S+/);
  const stapling = await tlsServer({}, (s) => s.on('OCSPRequest', (_cert: Buffer, _issuer: Buffer, cb: (err: Error | null, resp?: Buffer) => void) => cb(null, Buffer.from('stapled-ocsp-response'))));
  const stapled = byId((await probe(stapling.url, { checks: ['tls.certificate'], insecure: true })).checks)['tls.certificate']!;
  expect(stapled.evidence).toContain('OCSP response stapled');
  // Bytes that are no OCSP response are not a stapled response anyone can rely on.
  expect(stapled.status).toBe('fail');
  expect(stapled.evidence).toMatch(/stapled OCSP response does not parse/);
});
