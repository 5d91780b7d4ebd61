import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));
export const FIXTURES = path.join(REPO, 'test/fixtures/deps');
/** The real OSV snapshots beside the clone (CI) or the work tree. */
export const SHARED_OSV = path.resolve(REPO, '../shared/osv');
export const HAVE_SHARED_OSV = existsSync(path.join(SHARED_OSV, 'PyPI/all.zip'));

export function fixture(rel: string): string {
  return readFileSync(path.join(FIXTURES, rel), 'utf8');
}
