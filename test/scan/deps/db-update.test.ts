import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DownloadError, updateEcosystem } from '../../../src/scan/deps/download.js';
import { forEachZipJsonSync, ZipFormatError } from '../../../src/scan/deps/osv/zip-reader.js';
import { scanDeps } from '../../../src/scan/deps/scan.js';
import { tmpDir } from '../../helpers/cli.js';
import { FIXTURES } from './helpers.js';
import { buildZip, osvRecord } from './zip-writer.js';

const GOOD = buildZip({
  'GHSA-0001.json': osvRecord('GHSA-0001', 'npm', 'left-pad', '1.3.0'),
  'GHSA-0002.json': osvRecord('GHSA-0002', 'npm', 'qs', '6.0.0'),
});
const NEWER = buildZip({ 'GHSA-0003.json': osvRecord('GHSA-0003', 'npm', 'left-pad', '9.0.0') });

/** What the loopback server answers for /<eco>/all.zip, switchable per test. */
let mode: 'good' | 'newer' | 'corrupt' | 'midway' | 'error' | 'not-osv' = 'good';
let requests: http.IncomingHttpHeaders[] = [];
let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    requests.push(req.headers);
    if (!req.url?.endsWith('/all.zip')) return void res.writeHead(404).end();
    const body = mode === 'newer' ? NEWER : GOOD;
    const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
    if (mode === 'error') return void res.writeHead(503).end('maintenance');
    if (mode === 'corrupt') return void res.writeHead(200, { 'content-type': 'application/zip' }).end(Buffer.from('PK\x03\x04 this is not really a zip at all'));
    if (mode === 'not-osv') return void res.writeHead(200).end(buildZip({ 'README.json': '{"hello": "world"}' }));
    if (mode === 'midway') {
      // Promise the whole archive, send half, then drop the connection.
      res.writeHead(200, { 'content-length': String(body.length) });
      res.write(body.subarray(0, body.length >> 1));
      setTimeout(() => res.socket?.destroy(), 20);
      return;
    }
    if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
    res.writeHead(200, { 'content-length': String(body.length), etag, 'last-modified': 'Sun, 01 Nov 2026 00:00:00 GMT' }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/osv`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('gonogo db update (loopback server)', () => {
  it('downloads <base>/<ecosystem>/all.zip into the cache with freshness metadata, then revalidates with the ETag', async () => {
    const cache = tmpDir();
    mode = 'good';
    requests = [];
    const r = await updateEcosystem(base, 'npm', cache, { now: () => new Date('2026-11-22T10:00:00Z') });
    expect(r.status).toBe('updated');
    expect(readFileSync(path.join(cache, 'npm/all.zip')).equals(GOOD)).toBe(true);
    const meta = JSON.parse(readFileSync(path.join(cache, 'npm/meta.json'), 'utf8'));
    expect(meta).toMatchObject({ url: `${base}/npm/all.zip`, fetchedAt: '2026-11-22T10:00:00.000Z', bytes: GOOD.length, records: 2, sha256: createHash('sha256').update(GOOD).digest('hex') });
    expect(meta.etag).toMatch(/^"/);

    const again = await updateEcosystem(base, 'npm', cache, { now: () => new Date('2026-11-23T10:00:00Z') });
    expect(again.status).toBe('unchanged');
    expect(requests.at(-1)!['if-none-match']).toBe(meta.etag);
    expect(JSON.parse(readFileSync(path.join(cache, 'npm/meta.json'), 'utf8')).fetchedAt).toBe('2026-11-23T10:00:00.000Z');

    // The scan reads the cache like any OSV bucket folder and counts the age from the download.
    const project = tmpDir();
    writeFileSync(path.join(project, 'package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages: { '': { dependencies: { 'left-pad': '1' } }, 'node_modules/left-pad': { version: '1.1.0' } } }));
    const scan = await scanDeps({ root: project, db: cache });
    expect(scan.findings.map((f) => f.ruleId)).toEqual(['deps.GHSA-0001']);
    expect(scan.db!.ecosystems[0]!.fetched!.fetchedAt).toBe('2026-11-23T10:00:00.000Z');
  });

  for (const [name, m, pattern] of [
    ['a corrupt zip', 'corrupt', /not a readable zip/],
    ['a server that fails midway', 'midway', /broke off|incomplete/],
    ['an HTTP error', 'error', /HTTP 503/],
    ['a zip of something other than OSV records', 'not-osv', /not OSV JSON records/],
  ] as const) {
    it(`${name} leaves the old cache intact and no temporary files`, async () => {
      const cache = tmpDir();
      mode = 'good';
      await updateEcosystem(base, 'npm', cache);
      const before = { zip: sha(path.join(cache, 'npm/all.zip')), meta: readFileSync(path.join(cache, 'npm/meta.json'), 'utf8') };
      mode = m;
      const err = await updateEcosystem(base, 'npm', cache).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DownloadError);
      expect((err as Error).message).toMatch(pattern);
      expect(sha(path.join(cache, 'npm/all.zip'))).toBe(before.zip);
      expect(readFileSync(path.join(cache, 'npm/meta.json'), 'utf8')).toBe(before.meta);
      expect(readdirSync(path.join(cache, 'npm')).sort()).toEqual(['all.zip', 'meta.json']);
    });
  }

  it('a newer archive replaces the old one', async () => {
    const cache = tmpDir();
    mode = 'good';
    await updateEcosystem(base, 'npm', cache);
    mode = 'newer';
    await updateEcosystem(base, 'npm', cache);
    expect(readFileSync(path.join(cache, 'npm/all.zip')).equals(NEWER)).toBe(true);
  });

  it('an unreachable server is a DownloadError and creates no archive', async () => {
    const cache = tmpDir();
    const dead = http.createServer();
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
    const port = (dead.address() as AddressInfo).port;
    await new Promise<void>((r) => dead.close(() => r()));
    await expect(updateEcosystem(`http://127.0.0.1:${port}`, 'PyPI', cache)).rejects.toThrow(/cannot reach/);
    expect(existsSync(path.join(cache, 'PyPI/all.zip'))).toBe(false);
  });
});

describe('zip reader', () => {
  it('reads every .json entry of a zip', () => {
    const dir = tmpDir();
    const file = path.join(dir, 'a.zip');
    writeFileSync(file, buildZip({ 'a.json': '{"id":"A"}', 'notes.txt': 'skip me', 'b.json': '{"id":"B"}' }));
    const seen: string[] = [];
    expect(forEachZipJsonSync(file, (name, text) => seen.push(`${name}=${text}`), 1e6)).toBe(2);
    expect(seen).toEqual(['a.json={"id":"A"}', 'b.json={"id":"B"}']);
  });

  it('reads entries whose local header carries a zip64 extra field and stored (uncompressed) entries', () => {
    // Written by Python's zipfile with force_zip64=True: the local extra field differs from the central one.
    const seen: string[] = [];
    forEachZipJsonSync(path.join(FIXTURES, 'zip64/npm-all-zip64.zip'), (name, text) => seen.push(`${name}:${JSON.parse(text).id}`), 1e6);
    expect(seen).toEqual(['GHSA-z64z-z64z-z64z.json:GHSA-z64z-z64z-z64z', 'stored.json:S-1']);
  });

  it('refuses a truncated or garbage file with ZipFormatError', () => {
    const dir = tmpDir();
    const zip = buildZip({ 'a.json': '{"id":"A"}'.repeat(50) });
    writeFileSync(path.join(dir, 'cut.zip'), zip.subarray(0, zip.length - 30));
    writeFileSync(path.join(dir, 'junk.zip'), 'not a zip');
    mkdirSync(path.join(dir, 'x'));
    expect(() => forEachZipJsonSync(path.join(dir, 'cut.zip'), () => {}, 1e6)).toThrow(ZipFormatError);
    expect(() => forEachZipJsonSync(path.join(dir, 'junk.zip'), () => {}, 1e6)).toThrow(ZipFormatError);
  });
});
