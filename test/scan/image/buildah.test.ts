import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tmpDir } from '../../helpers/cli.js';
import { hasProgram, mustHavePrerequisites, requireProgram } from '../../helpers/system.js';
import { HAVE_SHARED_OSV, REPO, SHARED_OSV, requireSharedOsv } from '../deps/helpers.js';
import { BOOKWORM_PACKAGES, DEBIAN_12_OS_RELEASE, dpkgStatus } from './image-fixtures.js';

/**
 * Real image tarballs, built in the test with Debian's buildah (no daemon, no registry, own storage
 * in a temporary folder): three layers, the second upgrading libssl3 in the dpkg database and the
 * third deleting a folder (a `.wh.` whiteout in the layer), pushed as docker-archive, oci-archive
 * and an OCI layout folder.
 */
const RUN = (hasProgram('buildah') && HAVE_SHARED_OSV) || mustHavePrerequisites();

describe.runIf(RUN)('gonogo scan image on images built with buildah', () => {
  let work: string;
  const images: Record<string, string> = {};

  beforeAll(() => {
    requireProgram('buildah');
    requireSharedOsv();
    work = tmpDir('gonogo-buildah-');
    const store = ['--root', path.join(work, 'storage'), '--runroot', path.join(work, 'run'), '--storage-driver', 'vfs'];
    const b = (...args: string[]) => execFileSync('buildah', [...store, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
    const write = (root: string, rel: string, text: string) => {
      mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      writeFileSync(path.join(root, rel), text);
    };

    const c1 = b('from', 'scratch');
    const m1 = b('mount', c1);
    write(m1, 'usr/lib/os-release', DEBIAN_12_OS_RELEASE);
    mkdirSync(path.join(m1, 'etc'));
    symlinkSync('../usr/lib/os-release', path.join(m1, 'etc/os-release'));
    write(m1, 'var/lib/dpkg/status', dpkgStatus(BOOKWORM_PACKAGES));
    write(m1, 'old/node_modules/lodash/package.json', JSON.stringify({ name: 'lodash', version: '4.17.4' }));
    b('commit', '-q', c1, 'gonogo-test-base');

    const c2 = b('from', 'gonogo-test-base');
    const m2 = b('mount', c2);
    const upgraded = BOOKWORM_PACKAGES.map((p) => (p.pkg === 'libssl3' ? { ...p, version: '3.0.11-1~deb12u2' } : p));
    write(m2, 'var/lib/dpkg/status', dpkgStatus(upgraded));
    // Same size as layer 1's file: vfs finds changes by size and mtime, so give it a later mtime or the change is missed.
    const later = new Date(Date.now() + 60_000);
    utimesSync(path.join(m2, 'var/lib/dpkg/status'), later, later);
    write(m2, 'app/node_modules/lodash/package.json', JSON.stringify({ name: 'lodash', version: '4.17.4' }));
    b('commit', '-q', c2, 'gonogo-test-app');

    const c3 = b('from', 'gonogo-test-app');
    const m3 = b('mount', c3);
    rmSync(path.join(m3, 'old'), { recursive: true });
    b('commit', '-q', c3, 'gonogo-test-final');

    images['docker-archive'] = path.join(work, 'docker.tar');
    images['oci-archive'] = path.join(work, 'oci.tar');
    images['oci-layout'] = path.join(work, 'oci-dir');
    b('push', '-q', 'gonogo-test-final', `docker-archive:${images['docker-archive']}:gonogo-test/final:1`);
    b('push', '-q', 'gonogo-test-final', `oci-archive:${images['oci-archive']}`);
    b('push', '-q', 'gonogo-test-final', `oci:${images['oci-layout']}`);
    for (const c of [c1, c2, c3]) b('rm', c);
  }, 120_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  for (const kind of ['docker-archive', 'oci-archive', 'oci-layout'] as const) {
    it(`${kind}: layers flattened in order (the upgrade and the deletion win), findings by source package, exit 1 at --fail-on medium`, async () => {
      const r = await runCli(['scan', 'image', images[kind]!, '--db', SHARED_OSV, '--format', 'json', '--max-db-age', '36500d', '--fail-on', 'medium'], { cwd: REPO, timeoutMs: 60_000 });
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toContain(`${kind}, 3 layers`);
      expect(r.stderr).toContain('Debian GNU/Linux 12 (bookworm)');
      const doc = JSON.parse(r.stdout) as { checks: { id: string; status: string; evidence: string }[]; findings: { ruleId: string; message: string; location: { file: string } }[] };
      expect(doc.checks.find((c) => c.id === 'image.vulnerabilities')?.status).toBe('fail');
      const ids = doc.findings.map((f) => f.ruleId);
      expect(ids).toContain('deps.DEBIAN-CVE-2023-4911');
      // libssl3 was upgraded to the fixed 3.0.11-1~deb12u2 in the second layer.
      expect(ids).not.toContain('deps.DEBIAN-CVE-2023-5363');
      expect(doc.findings.some((f) => f.message.startsWith('openssl 3.0.11-1~deb12u2 (installed as libssl3)'))).toBe(true);
      // old/ was deleted by the third layer: only the app's lodash is reported.
      expect(doc.findings.filter((f) => f.ruleId === 'deps.NSWG-ECO-368').map((f) => f.location.file)).toEqual(['app/node_modules/lodash/package.json']);
      if (kind === 'docker-archive') expect(r.stderr).toContain('gonogo-test/final:1');
    });
  }

  it('an image that is not one is a usage error (exit 2) naming the file', async () => {
    const bad = path.join(work, 'not-an-image.tar');
    writeFileSync(bad, 'hello');
    const r = await runCli(['scan', 'image', bad, '--db', SHARED_OSV], { cwd: REPO });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('GONOGO_IMAGE_INVALID');
    expect(r.stderr).toContain('not-an-image.tar');
    expect(r.stderr).not.toMatch(/\n\s+at .*\.js:\d+/);
  });
});
