import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * System tests that need a Debian package (apache2, chromium, ...) skip on a machine without it,
 * so `npm test` works on a fresh laptop; CI sets GONOGO_REQUIRE_SYSTEM=1 after installing the
 * packages, and there a missing program fails the test instead of hiding it.
 */
export function hasProgram(nameOrPath: string): boolean {
  if (nameOrPath.includes('/')) return existsSync(nameOrPath);
  try {
    execFileSync('sh', ['-c', `command -v ${nameOrPath}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** True when the test should run; throws in CI (GONOGO_REQUIRE_SYSTEM=1) when the program is missing. */
export function requireProgram(nameOrPath: string): boolean {
  if (hasProgram(nameOrPath)) return true;
  if (process.env.GONOGO_REQUIRE_SYSTEM === '1') throw new Error(`${nameOrPath} is required (GONOGO_REQUIRE_SYSTEM=1) but not installed; add its package to .ci/apt-packages.txt`);
  return false;
}
