import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { readStapledOcsp } from '../../src/probe/ocsp-staple.js';
import { tmpDir } from '../helpers/cli.js';
import { requireProgram } from '../helpers/system.js';
import { byId, probe } from './probe-helpers.js';

// A CA, a leaf for 127.0.0.1 (serial 1001), another leaf (serial 2002) and OCSP responses made by `openssl ocsp`, signed by the CA.
const haveOpenssl = requireProgram('openssl');
const dir = tmpDir('gonogo-ocsp-');
const file = (name: string) => path.join(dir, name);
const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z';

function leaf(name: string, serial: string, issuer = 'ca', subject = '/CN=localhost', ext = 'subjectAltName=IP:127.0.0.1,DNS:localhost'): void {
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject);
  writeFileSync(file('ext'), `${ext}\n`);
  openssl('x509', '-req', '-in', `${name}.csr`, '-CA', `${issuer}.crt`, '-CAkey', `${issuer}.key`, '-set_serial', `0x${serial}`, '-days', '60', '-out', `${name}.crt`, '-extfile', 'ext');
}

/**
 * `openssl ocsp` as a responder for leaf.crt, from an index line (V = valid, R = revoked), signed by the CA itself or
 * by a delegated responder certificate the CA issued (then the response carries that certificate, as responders do).
 */
function ocspResponse(name: string, status: 'V' | 'R', signer = 'ca'): Buffer {
  const expiry = stamp(Date.now() + 2 * 86_400_000);
  const revoked = status === 'R' ? `${stamp(Date.now() - 3_600_000)},keyCompromise` : '';
  writeFileSync(file(`${name}.txt`), `${status}\t${expiry}\t${revoked}\t1001\tunknown\t/CN=localhost\n`);
  openssl('ocsp', '-index', `${name}.txt`, '-rsigner', `${signer}.crt`, '-rkey', `${signer}.key`, '-CA', 'ca.crt', '-issuer', 'ca.crt', '-cert', 'leaf.crt', '-respout', `${name}.der`, '-ndays', '1', ...(signer === 'ca' ? ['-resp_no_certs'] : []));
  return readFileSync(file(`${name}.der`));
}

const servers: https.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => (s.closeAllConnections(), s.close(r)))));
});

/** A TLS server on loopback that staples `staple` (Node asks for it on each handshake that requests OCSP). */
async function stapling(staple: Buffer | undefined, cert = 'leaf', chain: string[] = []): Promise<string> {
  const pems = [cert, ...chain].map((c) => readFileSync(file(`${c}.crt`), 'utf8')).join('');
  const server = https.createServer({ key: readFileSync(file(`${cert}.key`)), cert: pems, minVersion: 'TLSv1.2' }, (_q, s) => s.end('ok'));
  server.on('OCSPRequest', (_cert: Buffer, _issuer: Buffer, cb: (err: Error | null, res?: Buffer) => void) => cb(null, staple));
  if (staple === undefined) server.removeAllListeners('OCSPRequest');
  server.on('tlsClientError', () => {});
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

describe.runIf(haveOpenssl)('tls.certificate reads the stapled OCSP response', () => {
  let good: Buffer;
  let revoked: Buffer;
  beforeAll(() => {
    openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-subj', '/CN=Test OCSP CA', '-days', '60', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=keyCertSign,cRLSign,digitalSignature');
    leaf('leaf', '1001');
    leaf('other', '2002');
    leaf('inter', '3003', 'ca', '/CN=Test Intermediate', 'basicConstraints=critical,CA:TRUE');
    leaf('deep', '4004', 'inter');
    leaf('responder', '5005', 'ca', '/CN=Test OCSP Responder', 'extendedKeyUsage=OCSPSigning');
    leaf('notresponder', '6006', 'ca', '/CN=Test Web Server', 'extendedKeyUsage=serverAuth');
    good = ocspResponse('good', 'V');
    revoked = ocspResponse('revoked', 'R');
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  const ca = () => readFileSync(file('ca.crt'), 'utf8');
  const certificate = async (url: string) => byId((await probe(url, { checks: ['tls.certificate'] }, {}, { ca: ca() })).checks)['tls.certificate']!;

  it('passes with a good, fresh response signed by the issuer', async () => {
    const c = await certificate(await stapling(good));
    expect(c.status, c.evidence).toBe('pass');
    expect(c.evidence).toMatch(/stapled OCSP response: good \(thisUpdate .*nextUpdate .*\), signature verified/);
  });

  it('fails when the stapled response says the certificate is revoked', async () => {
    const c = await certificate(await stapling(revoked));
    expect(c.status).toBe('fail');
    expect(c.evidence).toMatch(/stapled OCSP response says REVOKED on \S+, reason keyCompromise/);
  });

  it('fails when the stapled response is for another certificate', async () => {
    const c = await certificate(await stapling(good, 'other'));
    expect(c.status).toBe('fail');
    expect(c.evidence).toMatch(/stapled OCSP response is for another certificate \(none of its 1 entries has serial 2002 and this issuer\)/);
  });

  it('passes a response signed by a delegated OCSP responder certificate the issuer made for OCSP signing', async () => {
    const delegated = ocspResponse('delegated', 'V', 'responder');
    const c = await certificate(await stapling(delegated));
    expect(c.status, c.evidence).toBe('pass');
    expect(c.evidence).toMatch(/stapled OCSP response: good \(thisUpdate .*\), signature verified/);
  });

  it('fails a response signed by a certificate of the issuer that is not allowed to sign OCSP responses', async () => {
    // Issued by the same CA, but for serverAuth only: a web server's key must not vouch for revocation status.
    const c = await certificate(await stapling(ocspResponse('rogue', 'V', 'notresponder')));
    expect(c.status).toBe('fail');
    expect(c.evidence).toContain('stapled OCSP response: the signature does not verify with the issuer or an OCSP responder certificate it issued');
  });

  it('warns when a live server staples a response whose nextUpdate has passed', async () => {
    const url = await stapling(good);
    // The prober's clock two days on (the certificates are valid for 60): the response (nextUpdate one day) is stale,
    // as one the server fetched two days ago and kept stapling. Only Date moves; the TLS handshake is real.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 2 * 86_400_000 });
    const c = await certificate(url);
    expect(c.status, c.evidence).toBe('warn');
    expect(c.evidence).toMatch(/stapled OCSP response is stale \(thisUpdate .*nextUpdate .*\): the server keeps serving an expired response/);
  });

  it('warns on a stale response, and fails on one whose signature does not verify', () => {
    const leafCert = new X509Certificate(readFileSync(file('leaf.crt')));
    const issuer = new X509Certificate(readFileSync(file('ca.crt')));
    expect(readStapledOcsp(good, leafCert, issuer).level).toBe('pass');
    // Two days on, nextUpdate (one day) has passed: the server keeps stapling an expired response.
    const stale = readStapledOcsp(good, leafCert, issuer, Date.now() + 2 * 86_400_000);
    expect(stale.level).toBe('warn');
    expect(stale.text).toMatch(/stapled OCSP response is stale/);
    const forged = Buffer.from(good);
    forged[forged.length - 10]! ^= 0xff; // inside the signature: the last field, as the response carries no certificates (-resp_no_certs)
    expect(readStapledOcsp(forged, leafCert, issuer)).toEqual({ level: 'fail', text: 'stapled OCSP response: the signature does not verify with the issuer or an OCSP responder certificate it issued' });
    expect(readStapledOcsp(Buffer.from('not der'), leafCert, issuer).level).toBe('fail');
  });
});

describe.runIf(haveOpenssl)('tls.certificate reads the chain in the order the server sends it (TLS 1.2)', () => {
  const certificate = async (url: string) => byId((await probe(url, { checks: ['tls.certificate'] }, {}, { ca: readFileSync(file('ca.crt'), 'utf8') })).checks)['tls.certificate']!;

  it('passes a chain sent leaf first, each certificate followed by its issuer', async () => {
    const c = await certificate(await stapling(undefined, 'deep', ['inter', 'ca']));
    expect(c.status, c.evidence).toBe('pass');
    expect(c.evidence).toContain('chain CN=localhost → CN=Test Intermediate → CN=Test OCSP CA (self-signed); 3 certificates sent, in order');
  });

  it('warns on a chain sent out of order, and on an extra certificate', async () => {
    const swapped = await certificate(await stapling(undefined, 'deep', ['ca', 'inter']));
    expect(swapped.status).toBe('warn');
    expect(swapped.evidence).toContain('chain as sent: certificate #2 (CN=Test OCSP CA) is out of order: it issues #3, not #1; certificate #3 (CN=Test Intermediate) is out of order: it issues #1, not #2');
    const extra = await certificate(await stapling(undefined, 'leaf', ['other', 'ca']));
    expect(extra.status).toBe('warn');
    expect(extra.evidence).toContain('chain as sent: extra certificate #2 (CN=localhost) issues none of the others');
  });
});
