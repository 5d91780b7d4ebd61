import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mustHavePrerequisites, requirePrerequisite } from '../../helpers/system.js';

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));
export const FIXTURES = path.join(REPO, 'test/fixtures/deps');
/** The real OSV snapshots beside the clone (CI: ../shared/osv); GONOGO_SHARED_OSV points elsewhere (e.g. from a worktree). */
export const SHARED_OSV = process.env.GONOGO_SHARED_OSV ?? path.resolve(REPO, '../shared/osv');
export const HAVE_SHARED_OSV = existsSync(path.join(SHARED_OSV, 'PyPI/all.zip')) && existsSync(path.join(SHARED_OSV, 'npm/all.zip'));
/**
 * Run the tests on the real snapshots? On a laptop without them they skip; in CI (CI=true or
 * GONOGO_REQUIRE_SYSTEM=1) they run, and `requireSharedOsv()` at their start fails them saying what is missing.
 */
export const RUN_SHARED_OSV = HAVE_SHARED_OSV || mustHavePrerequisites();

export function requireSharedOsv(): void {
  requirePrerequisite(HAVE_SHARED_OSV, `the shared OSV snapshots (${SHARED_OSV}/PyPI/all.zip, npm/all.zip)`, 'put shared/osv beside the repository (../shared/osv) or set GONOGO_SHARED_OSV');
}

export function fixture(rel: string): string {
  return readFileSync(path.join(FIXTURES, rel), 'utf8');
}
