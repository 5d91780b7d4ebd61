import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tmpDir } from '../../helpers/cli.js';
import { FIXTURES, REPO, RUN_SHARED_OSV, SHARED_OSV, requireSharedOsv } from './helpers.js';
import { buildZip, osvRecord } from './zip-writer.js';

// The CLI tests carry their own small OSV data so they run without ../shared/osv too.
const OWN_DB = path.join(FIXTURES, 'osv-json');
const CUSTOM = 'test/fixtures/deps/custom-project';
const opts = { cwd: REPO, timeoutMs: 60_000 };

describe('gonogo scan deps', () => {
  it('exits 1 when a finding is at or above --fail-on (default high), 0 below it; JSON carries findings with file:line', async () => {
    const r = await runCli(['scan', 'deps', CUSTOM, '--db', OWN_DB, '--format', 'json'], opts);
    expect(r.code, r.stderr).toBe(1);
    const doc = JSON.parse(r.stdout);
    const f = doc.findings.find((x: { ruleId: string }) => x.ruleId === 'deps.GHSA-aaaa-bbbb-cccc');
    expect(f).toMatchObject({ severity: 'critical', location: { file: `${CUSTOM}/package-lock.json`, line: 7 } });
    // The register's priority and SLA due date are in the message every reporter prints.
    expect(f.message).toMatch(/\[P1, due \d{4}-\d{2}-\d{2}\]$/);
    expect(r.stderr).toMatch(/OSV npm data as of 2026-11-01 \(newest record/);

    const lenient = await runCli(['scan', 'deps', CUSTOM, '--db', OWN_DB, '--fail-on', 'critical', '--max-db-age', '3650d'], { ...opts, env: { NO_COLOR: '1' } });
    expect(lenient.code).toBe(1); // critical is at critical
    const onlyPy = await runCli(['scan', 'deps', `${CUSTOM}/requirements.txt`, '--db', OWN_DB, '--fail-on', 'critical'], opts);
    expect(onlyPy.code, onlyPy.stderr).toBe(0);
    expect(onlyPy.stdout).toContain('deps.PYSEC-2099-1');
    expect(onlyPy.stdout).toContain(`${CUSTOM}/requirements.txt:1`);
  });

  it('SARIF output is a SARIF 2.1.0 log with the advisories as rules', async () => {
    const r = await runCli(['scan', 'deps', CUSTOM, '--db', OWN_DB, '--format', 'sarif'], opts);
    const log = JSON.parse(r.stdout);
    expect(log.version).toBe('2.1.0');
    expect(JSON.stringify(log.runs[0].results)).toContain('deps.GHSA-aaaa-bbbb-cccc');
  });

  it('lockfiles that do not parse are reported with file:line; a bad entry is a stderr warning and the rest is still scanned', async () => {
    const r = await runCli(['scan', 'deps', 'test/fixtures/deps/malformed', '--db', OWN_DB, '--format', 'json'], opts);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    const bad = doc.findings.filter((f: { ruleId: string }) => f.ruleId === 'deps.lockfile-unreadable').map((f: { location: { file: string; line: number } }) => `${f.location.file}:${f.location.line}`);
    expect(bad.sort()).toEqual(['package-lock.json:6', 'poetry/poetry.lock:5'].map((s) => `test/fixtures/deps/malformed/${s}`));
    expect(doc.checks.find((c: { id: string }) => c.id === 'deps.vulnerabilities').evidence).toMatch(/^3 packages in 3 lockfiles/);
    expect(r.stderr).toContain('yarn/yarn.lock:6: expected "<package>@<range>:" to start an entry');
    expect(r.stderr).toContain('py/requirements.txt:2: cannot read version specifier');
  });

  it('usage errors exit 2: missing database, corrupt zip, bad --fail-on, bad --max-db-age', async () => {
    const noDb = await runCli(['scan', 'deps', CUSTOM, '--db', '/nonexistent/osv'], opts);
    expect(noDb.code).toBe(2);
    expect(noDb.stderr).toContain('error[GONOGO_DEPS_DB]');
    const dir = tmpDir();
    writeFileSync(path.join(dir, 'bad.zip'), 'PK garbage');
    const corrupt = await runCli(['scan', 'deps', CUSTOM, '--db', path.join(dir, 'bad.zip')], opts);
    expect(corrupt.code).toBe(2);
    expect(corrupt.stderr).toMatch(/GONOGO_DEPS_DB.*cannot read OSV archive/);
    const failOn = await runCli(['scan', 'deps', CUSTOM, '--db', OWN_DB, '--fail-on', 'hihg'], opts);
    expect(failOn.code).toBe(2);
    expect(failOn.stderr).toContain('did you mean "high"');
    const age = await runCli(['scan', 'deps', CUSTOM, '--db', OWN_DB, '--max-db-age', 'soon'], opts);
    expect(age.code).toBe(2);
    expect(age.stderr).toContain('--max-db-age');
  });

  it('suppressions from the config hide a finding until they expire; an expired one brings it back, flagged', async () => {
    const dir = tmpDir();
    mkdirSync(path.join(dir, 'app'));
    writeFileSync(path.join(dir, 'app/package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages: { '': { dependencies: { 'left-pad': '1' } }, 'node_modules/left-pad': { version: '1.1.0' } } }, null, 2));
    const config = (expires: string) =>
      `scan:\n  path: app\n  deps:\n    db: ${JSON.stringify(OWN_DB)}\n    maxDbAge: 3650d\n  sla:\n    critical: 2d\n  suppressions:\n    - id: CVE-2099-0001\n      reason: padding is never user-controlled here\n      owner: alice@example.com\n      expires: ${expires}\n`;
    writeFileSync(path.join(dir, 'gonogo.config.yaml'), config('2999-12-31'));
    const held = await runCli(['scan', 'deps', '--format', 'json'], { cwd: dir });
    expect(held.code, held.stderr).toBe(0);
    expect(JSON.parse(held.stdout).findings).toEqual([]);
    expect(JSON.parse(held.stdout).checks[0].evidence).toContain('1 suppressed');

    writeFileSync(path.join(dir, 'gonogo.config.yaml'), config('2020-01-31'));
    const lapsed = await runCli(['scan', 'deps', '--format', 'json'], { cwd: dir });
    expect(lapsed.code).toBe(1);
    const [f] = JSON.parse(lapsed.stdout).findings;
    expect(f.message).toContain('[suppression expired 2020-01-31: "padding is never user-controlled here" (owner alice@example.com)]');
    const due = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    expect(f.message).toContain(`due ${due}`);

    writeFileSync(path.join(dir, 'gonogo.config.yaml'), 'scan:\n  suppressions:\n    - id: X\n      owner: bob\n      expires: 2026-02-30\n');
    const invalid = await runCli(['scan', 'deps'], { cwd: dir });
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('scan.suppressions[0].reason');
    expect(invalid.stderr).toContain('scan.suppressions[0].expires');
  });
});

describe('gonogo db update', () => {
  let server: http.Server;
  let base: string;
  let fail = false;
  beforeAll(async () => {
    const zip = buildZip({ 'GHSA-0001.json': osvRecord('GHSA-0001', 'npm', 'left-pad', '1.3.0') });
    server = http.createServer((req, res) => {
      if (fail || req.url !== '/npm/all.zip') return void res.writeHead(fail ? 500 : 404).end();
      res.writeHead(200, { 'content-length': String(zip.length) }).end(zip);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('downloads into --cache, scans read it; a failing server exits 3 and keeps the old data', async () => {
    const cache = tmpDir();
    const ok = await runCli(['db', 'update', '--url', base, '--ecosystems', 'npm', '--cache', cache], opts);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^npm: 1 records, \d+ B -> /);
    const scan = await runCli(['scan', 'deps', CUSTOM, '--db', cache, '--format', 'json'], opts);
    expect(JSON.parse(scan.stdout).findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['deps.GHSA-0001']);
    expect(scan.stderr).toMatch(/OSV npm data as of \d{4}-\d{2}-\d{2} \(downloaded, \d+ h old\)/);

    fail = true;
    const bad = await runCli(['db', 'update', '--url', base, '--ecosystems', 'npm', '--cache', cache], opts);
    fail = false;
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain('error[GONOGO_DB_DOWNLOAD]');
    expect(bad.stderr).toContain('previous data kept');
    const still = await runCli(['scan', 'deps', CUSTOM, '--db', cache, '--format', 'json'], opts);
    expect(JSON.parse(still.stdout).findings).toHaveLength(1);
  });

  it('rejects an unknown ecosystem and a non-http URL with exit 2', async () => {
    expect((await runCli(['db', 'update', '--ecosystems', 'cargo', '--cache', tmpDir()], opts)).code).toBe(2);
    expect((await runCli(['db', 'update', '--url', 'ftp://x', '--cache', tmpDir()], opts)).code).toBe(2);
  });
});

describe('gonogo scan (every scanner)', () => {
  it('runs the registered scanners, prints one report, and gates on --fail-on', async () => {
    const r = await runCli(['scan', CUSTOM, '--db', OWN_DB, '--format', 'json'], opts);
    expect(r.code, r.stderr).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.command).toBe('scan');
    expect(doc.checks.map((c: { id: string }) => c.id)).toContain('deps.vulnerabilities');
    expect(doc.findings.some((f: { ruleId: string }) => f.ruleId === 'deps.GHSA-aaaa-bbbb-cccc')).toBe(true);

    const py = await runCli(['scan', `${CUSTOM}/requirements.txt`, '--db', OWN_DB, '--fail-on', 'critical', '--format', 'json'], opts);
    expect(py.code, py.stderr).toBe(0);
  });

  it('a scanner error is reported in the combined report and sets the exit code (2 for a missing database)', async () => {
    const r = await runCli(['scan', CUSTOM, '--db', '/nonexistent/osv', '--format', 'json'], opts);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout);
    expect(doc.checks.find((c: { id: string }) => c.id === 'deps.scanner')).toMatchObject({ status: 'fail' });
    expect(r.stderr).toContain('GONOGO_DEPS_DB');
  });

  it('bad flags exit 2 before anything runs', async () => {
    expect((await runCli(['scan', CUSTOM, '--fail-on', 'severe'], opts)).code).toBe(2);
    expect((await runCli(['scan', 'no/such/folder', '--db', OWN_DB], opts)).code).toBe(2);
  });

  it.runIf(RUN_SHARED_OSV)('scans the real snapshot for a mixed npm + PyPI tree', async () => {
    requireSharedOsv();
    const r = await runCli(['scan', 'test/fixtures/deps/requirements', '--db', SHARED_OSV, '--fail-on', 'critical', '--format', 'json'], opts);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).findings.some((f: { ruleId: string }) => f.ruleId === 'deps.GHSA-fvgf-6h6h-3322')).toBe(true);
  });
});
