import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { depsChecks } from '../../../src/scan/deps/checks.js';
import { scanDeps } from '../../../src/scan/deps/scan.js';
import { FIXTURES, RUN_SHARED_OSV, SHARED_OSV, requireSharedOsv } from './helpers.js';

const OWN_DB = path.join(FIXTURES, 'osv-json');

describe('scan with a folder of OSV JSON', () => {
  it('merges aliases into one finding, skips withdrawn records, takes the worst severity', async () => {
    const r = await scanDeps({ root: path.join(FIXTURES, 'custom-project'), db: OWN_DB });
    expect(r.db!.kind).toBe('json');
    expect(r.db!.withdrawn).toBe(1);
    const leftPad = r.findings.filter((f) => f.message.startsWith('left-pad'));
    expect(leftPad).toHaveLength(1);
    const f = leftPad[0]!;
    expect(f.ruleId).toBe('deps.GHSA-aaaa-bbbb-cccc');
    expect(f.aliases).toEqual(['NSWG-ECO-9001', 'CVE-2099-0001']);
    expect(f.severity).toBe('critical'); // CVSS v4 9.3 beats the other record's LOW
    expect(f.message).toContain('fixed in 1.2.5, 1.3.0');
    expect(f.message).toContain('via formatter > left-pad');
    expect(f.location).toEqual({ file: 'package-lock.json', line: 7 });
    expect(f.likelihood).toBe('medium');
  });

  it('PyPI names compare after PEP 503 normalisation; last_affected without a fix is said', async () => {
    const r = await scanDeps({ root: path.join(FIXTURES, 'custom-project'), db: OWN_DB });
    const f = r.findings.find((x) => x.ruleId === 'deps.PYSEC-2099-1')!;
    expect(f.severity).toBe('high');
    expect(f.message).toContain('no fix released (last affected 1.4)');
    expect(f.message).toContain('direct dependency');
    expect(f.likelihood).toBe('high');
  });

  it('advisories scored only with CVSS v2 are graded on the v2 scale and say so', async () => {
    const r = await scanDeps({ root: path.join(FIXTURES, 'cvss-v2'), db: OWN_DB });
    expect(r.findings.map((f) => [f.ruleId, f.severity, (f.location as { line: number }).line])).toEqual([
      ['deps.PYSEC-2099-2', 'high', 1], // v2 9.3: high on the v2 scale, not critical as on v3's
      ['deps.PYSEC-2099-3', 'medium', 2], // v2 5.0, vector on the affected entry
    ]);
    expect(r.findings[0]!.message).toContain('CVSS v2 9.3');
    expect(r.findings[1]!.message).toContain('CVSS v2 5.0');
  });

  it('a lockfile that does not parse is reported with file and line; a bad entry is a warning and the rest of its file is scanned', async () => {
    const r = await scanDeps({ root: path.join(FIXTURES, 'malformed'), db: OWN_DB });
    expect(r.problems.map((p) => p.message.split(':').slice(0, 2).join(':')).sort()).toEqual(['package-lock.json:6', 'poetry/poetry.lock:5']);
    expect(r.problems.every((p) => p.ruleId === 'deps.lockfile-unreadable' && p.severity === 'high')).toBe(true);
    expect(r.lockfiles.map((l) => l.file).sort()).toEqual(['good/requirements.txt', 'py/requirements.txt', 'yarn/yarn.lock']);
    expect(r.lockfiles.find((l) => l.file === 'py/requirements.txt')?.packages.map((p) => p.name)).toEqual(['flask']);
    expect(r.lockfiles.find((l) => l.file === 'yarn/yarn.lock')?.packages.map((p) => `${p.name}@${p.version}`)).toEqual(['lodash@4.17.4']);
    expect(r.notes).toEqual(
      expect.arrayContaining([
        'py/requirements.txt:2: cannot read version specifier "is not a requirement!" of this; this entry was skipped, the rest of the file was scanned',
        'yarn/yarn.lock:6: expected "<package>@<range>:" to start an entry, got "broken line without colon"; this entry was skipped, the rest of the file was scanned',
      ]),
    );
  });

  it('no lockfiles: nothing to look up, the database is not even opened', async () => {
    const r = await scanDeps({ root: path.join(FIXTURES, 'osv-json'), db: '/nonexistent/db' });
    expect(r.lockfiles).toEqual([]);
    expect(r.db).toBeUndefined();
  });

  it('a missing database is a GONOGO_DEPS_DB error', async () => {
    await expect(scanDeps({ root: path.join(FIXTURES, 'custom-project'), db: '/nonexistent/db' })).rejects.toMatchObject({ code: 'GONOGO_DEPS_DB' });
  });
});

describe.runIf(RUN_SHARED_OSV)('scan against the real OSV snapshots in ../shared/osv', () => {
  it('beside a malformed lockfile, the good one is still matched (django 3.1.0)', async () => {
    requireSharedOsv();
    const r = await scanDeps({ root: path.join(FIXTURES, 'malformed'), db: SHARED_OSV });
    expect(r.problems).toHaveLength(2);
    expect(r.findings.some((f) => f.message.startsWith('django 3.1.0'))).toBe(true);
    // Both from files with a bad entry: the entries beside it are still matched.
    expect(r.findings.some((f) => f.message.startsWith('flask 0.12'))).toBe(true);
    expect(r.findings.some((f) => f.message.startsWith('lodash 4.17.4'))).toBe(true);
  });

  it('npm lockfiles of every format find the same advisories (NSWG-ECO-368 lodash, NSWG-ECO-8 express, NSWG-ECO-28/29 qs, NSWG-ECO-101 marked, NSWG-ECO-46 ms)', async () => {
    requireSharedOsv();
    for (const dir of ['npm-v1', 'npm-v2', 'npm-v3', 'shrinkwrap', 'yarn-v1', 'yarn-berry', 'pnpm-v5', 'pnpm-v6', 'pnpm-v9']) {
      const r = await scanDeps({ root: path.join(FIXTURES, dir), db: SHARED_OSV });
      const ids = new Set(r.findings.map((f) => f.ruleId));
      for (const id of ['NSWG-ECO-368', 'NSWG-ECO-493', 'NSWG-ECO-8', 'NSWG-ECO-28', 'NSWG-ECO-29', 'NSWG-ECO-101', 'NSWG-ECO-46']) expect(ids, `${dir} ${id}`).toContain(`deps.${id}`);
      // lodash 4.17.4 is below NSWG-ECO-516's introduced 4.17.15; ms 2.0.0 is above NSWG-ECO-46's last_affected 0.7.0.
      expect(ids, dir).not.toContain('deps.NSWG-ECO-516');
      expect(r.findings.filter((f) => f.message.startsWith('ms 2.0.0')), dir).toEqual([]);
      const qs = r.findings.find((f) => f.ruleId === 'deps.NSWG-ECO-28')!;
      expect(qs.message, dir).toContain('via express > qs');
      expect(qs.message).toContain('fixed in 1.0.0');
    }
  });

  it('lodash prototype pollution NSWG-ECO-368 carries its CVE alias and CVSS 3.0 score', async () => {
    requireSharedOsv();
    const r = await scanDeps({ root: path.join(FIXTURES, 'npm-v3'), db: SHARED_OSV });
    const f = r.findings.find((x) => x.ruleId === 'deps.NSWG-ECO-368')!;
    expect(f.aliases).toEqual(['CVE-2018-3721']);
    expect(f.severity).toBe('low'); // CVSS:3.0/AV:L/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:L = 1.8
    expect(f.message).toMatch(/^lodash 4\.17\.4: NSWG-ECO-368 \(CVE-2018-3721\) CVSS 1\.8 lodash prototype pollution; fixed in 4\.17\.5; direct dependency$/);
  });

  it('Python lockfiles: Django 3.1.0 has PYSEC-2021-9 (CVE-2021-3281, fixed 3.1.6) merged under its GHSA id, in each format', async () => {
    requireSharedOsv();
    for (const dir of ['requirements', 'pipfile']) {
      const r = await scanDeps({ root: path.join(FIXTURES, dir), db: SHARED_OSV });
      const f = r.findings.find((x) => x.aliases?.includes('PYSEC-2021-9'));
      expect(f, dir).toBeDefined();
      expect(f!.ruleId).toBe('deps.GHSA-fvgf-6h6h-3322');
      expect(f!.aliases).toContain('CVE-2021-3281');
      expect(f!.message).toContain('fixed in 3.1.6');
    }
    const poetry = await scanDeps({ root: path.join(FIXTURES, 'poetry'), db: SHARED_OSV });
    const jinja = poetry.findings.find((x) => x.aliases?.includes('PYSEC-2019-217'))!;
    expect(jinja.message).toContain('jinja2 2.10');
    expect(jinja.message).toContain('via flask > jinja2');
    // werkzeug 3.0.4 and itsdangerous 2.2.0 had no advisory in the 2024-10 snapshot.
    expect(poetry.findings.filter((f) => /^(werkzeug|itsdangerous|markupsafe) /.test(f.message))).toEqual([]);
  });

  it('requirements: -r includes are scanned and reported at the included file; each finding once', async () => {
    requireSharedOsv();
    const r = await scanDeps({ root: path.join(FIXTURES, 'requirements'), db: SHARED_OSV });
    const jinja = r.findings.filter((f) => f.aliases?.includes('PYSEC-2019-217'));
    expect(jinja).toHaveLength(1);
    expect(jinja[0]!.location).toEqual({ file: 'requirements/base.txt', line: 1 });
    expect(new Set(r.findings.map((f) => f.fingerprint)).size).toBe(r.findings.length);
    expect(r.findings.some((f) => f.message.startsWith('requests '))).toBe(false);
    expect(r.notes).toContain('requirements.txt:8: urllib3>=1.26,<2 is a range, not a pin; pin it (==) to scan it');
  });

  it('checks: data age is stated and old data warns; the gate follows --fail-on', async () => {
    requireSharedOsv();
    const r = await scanDeps({ root: path.join(FIXTURES, 'requirements'), db: SHARED_OSV });
    const now = new Date('2026-11-22T00:00:00Z');
    const atMedium = depsChecks(r, { failOn: 'medium', now });
    expect(atMedium.failed).toBe(true);
    expect(atMedium.checks.find((c) => c.id === 'deps.vulnerabilities')!.status).toBe('fail');
    const fresh = atMedium.checks.find((c) => c.id === 'deps.db-freshness')!;
    expect(fresh.status).toBe('warn');
    expect(fresh.evidence).toContain('PyPI as of 2024-10-10');
    expect(atMedium.dataLines.join('\n')).toMatch(/OSV PyPI data as of 2024-10-10 \(newest record, \d+ days old\)/);
    const atCritical = depsChecks(r, { failOn: 'critical', now, maxDbAgeMs: 10 * 365 * 86_400_000 });
    expect(atCritical.failed).toBe(false);
    expect(atCritical.checks.find((c) => c.id === 'deps.vulnerabilities')!.status).toBe('warn');
    expect(atCritical.checks.find((c) => c.id === 'deps.db-freshness')!.status).toBe('pass');
  });

  it('a single ecosystem zip works as --db too', async () => {
    requireSharedOsv();
    const r = await scanDeps({ root: path.join(FIXTURES, 'npm-v3'), db: path.join(SHARED_OSV, 'npm/all.zip') });
    expect(r.db!.kind).toBe('zip');
    expect(r.findings.some((f) => f.ruleId === 'deps.NSWG-ECO-368')).toBe(true);
  });
});
