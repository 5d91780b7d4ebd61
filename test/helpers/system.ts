import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * System tests that need a Debian package (apache2, chromium, ...) or a machine capability (IPv6 loopback,
 * the shared OSV archives) skip on a machine without it, so `npm test` works on a fresh laptop. In CI
 * (`CI=true`, or GONOGO_REQUIRE_SYSTEM=1 which `.ci/run` sets after installing the packages) a missing
 * prerequisite FAILS the test instead of hiding it.
 */
export function mustHavePrerequisites(): boolean {
  return process.env.GONOGO_REQUIRE_SYSTEM === '1' || /^(true|1)$/i.test(process.env.CI ?? '');
}

export function hasProgram(nameOrPath: string): boolean {
  if (nameOrPath.includes('/')) return existsSync(nameOrPath);
  try {
    execFileSync('sh', ['-c', `command -v ${nameOrPath}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** True when the test should run; false (skip) on a laptop; throws in CI when `available` is false. */
export function requirePrerequisite(available: boolean, what: string, fix: string): boolean {
  if (available) return true;
  if (mustHavePrerequisites()) throw new Error(`${what} is required in CI (CI=true or GONOGO_REQUIRE_SYSTEM=1) but missing: ${fix}`);
  return false;
}

/** True when the test should run; throws in CI when the program is missing. */
export function requireProgram(nameOrPath: string): boolean {
  return requirePrerequisite(hasProgram(nameOrPath), nameOrPath, 'add its package to .ci/apt-packages.txt');
}
