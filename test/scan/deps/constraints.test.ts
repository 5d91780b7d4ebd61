import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRequirements } from '../../../src/scan/deps/lockfiles/requirements.js';
import { scanDeps } from '../../../src/scan/deps/scan.js';
import { spdxDocument } from '../../../src/scan/deps/spdx.js';
import { tmpDir } from '../../helpers/cli.js';
import { FIXTURES } from './helpers.js';

const OWN_DB = path.join(FIXTURES, 'osv-json');

/** A project folder holding one requirements.txt with this text. */
function project(text: string): string {
  const dir = tmpDir('gonogo-constraints-');
  writeFileSync(path.join(dir, 'requirements.txt'), text);
  return dir;
}

describe('requirements constraints (one inclusive bound)', () => {
  it('>=, ~= and <= alone are listed at their bound with the constraint; other ranges stay notes', () => {
    const text = ['httpx >= 0.23.0', 'rich~=13.1', 'attrs<=21.2.0 ; python_version > "3.7"', 'urllib3>=1.26,<2', 'coverage != 3.5', 'idna>3.0', 'certifi==2024.*', 'click==8.1.7'].join('\n');
    const lock = parseRequirements(text, 'requirements.txt');
    expect(lock.packages.map((p) => [p.name, p.version, p.constraint, p.line])).toEqual([
      ['httpx', '0.23.0', '>=0.23.0', 1],
      ['rich', '13.1', '~=13.1', 2],
      ['attrs', '21.2.0', '<=21.2.0', 3],
      ['click', '8.1.7', undefined, 8],
    ]);
    expect(lock.notes?.slice(0, 3)).toEqual([
      'requirements.txt:1: httpx>=0.23.0 is a constraint, not a pin: listed at its bound 0.23.0 and matched as "may be affected"; pin it (==) to scan what is installed',
      expect.stringMatching(/^requirements\.txt:2: rich~=13\.1 is a constraint/),
      expect.stringMatching(/^requirements\.txt:3: attrs<=21\.2\.0 is a constraint/),
    ]);
    expect(lock.notes?.slice(3).map((n) => n.split(':').slice(0, 2).join(':'))).toEqual(['requirements.txt:4', 'requirements.txt:5', 'requirements.txt:6', 'requirements.txt:7']);
  });

  it('a bound from an environment variable is still a warning, not a package', () => {
    const lock = parseRequirements('httpx>=${MIN_HTTPX}\n', 'requirements.txt');
    expect(lock.packages).toEqual([]);
    expect(lock.notes?.[0]).toMatch(/^requirements\.txt:1: httpx>=\$\{MIN_HTTPX\} takes its version from an environment variable/);
  });

  it('an affected bound is a "may be affected" finding: constraint in the message, raise-the-bound remediation, one step less likely than a pin', async () => {
    const constrained = await scanDeps({ root: project('old-cgi-lib>=2.0\nsome-pkg~=1.4\n'), db: OWN_DB });
    const cgi = constrained.findings.find((f) => f.ruleId === 'deps.PYSEC-2099-2')!;
    expect(cgi.message).toMatch(/^old-cgi-lib >=2\.0 \(not pinned; matched on its bound 2\.0, may be affected\): PYSEC-2099-2 /);
    expect(cgi.remediation).toBe('old-cgi-lib>=2.0 still allows affected 2.0: require old-cgi-lib>=2.1, or pin the version you install (pip-compile, pip freeze) so the scan checks what is installed.');
    expect(cgi.likelihood).toBe('medium');
    expect(cgi.location).toEqual({ file: 'requirements.txt', line: 1 });
    const some = constrained.findings.find((f) => f.ruleId === 'deps.PYSEC-2099-1')!;
    expect(some.remediation).toMatch(/^No fixed release of some-pkg yet: some-pkg~=1\.4 allows affected 1\.4;/);

    const pinned = await scanDeps({ root: project('old-cgi-lib==2.0\n'), db: OWN_DB });
    const pin = pinned.findings.find((f) => f.ruleId === 'deps.PYSEC-2099-2')!;
    expect(pin.message).toMatch(/^old-cgi-lib 2\.0: PYSEC-2099-2 /);
    expect(pin.likelihood).toBe('high');
    // A constraint whose bound is past the fix matches nothing.
    expect((await scanDeps({ root: project('old-cgi-lib>=2.1\n'), db: OWN_DB })).findings).toEqual([]);
  });

  it('a <= bound caps the package at the affected version: the remediation says to allow the fix', async () => {
    const r = await scanDeps({ root: project('old-cgi-lib<=1.9\n'), db: OWN_DB });
    expect(r.findings.map((f) => f.remediation)).toEqual(['old-cgi-lib<=1.9 caps old-cgi-lib at affected 1.9: allow old-cgi-lib>=2.1, or pin the version you install (pip-compile, pip freeze) so the scan checks what is installed.']);
  });

  it('SPDX: a constrained package says so in its comment', async () => {
    const r = await scanDeps({ root: project('old-cgi-lib>=2.0\nflask==2.0.1\n'), db: OWN_DB });
    const doc = spdxDocument({ lockfiles: r.lockfiles, matched: r.matched, project: { name: 'p' }, timestamp: new Date('2026-12-05T00:00:00Z') }) as { packages: { name: string; versionInfo?: string; comment?: string }[] };
    expect(doc.packages.find((p) => p.name === 'old-cgi-lib')).toMatchObject({ versionInfo: '2.0', comment: 'requirements constraint >=2.0: versionInfo is its bound, not necessarily the installed version' });
    expect(doc.packages.find((p) => p.name === 'flask')!.comment).toBeUndefined();
  });
});
