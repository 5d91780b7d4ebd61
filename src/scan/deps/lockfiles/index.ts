import type { LockfileParser } from '../types.js';
import { parsePackageLock } from './package-lock.js';
import { parsePipfileLock } from './pipfile-lock.js';
import { parsePnpmLock } from './pnpm-lock.js';
import { parsePoetryLock } from './poetry-lock.js';
import { parseRequirements } from './requirements.js';
import { parseYarnLock } from './yarn-lock.js';

/** Which parser reads a file, by its base name; undefined for files that are not lockfiles. */
export function parserFor(baseName: string): LockfileParser | undefined {
  switch (baseName) {
    case 'package-lock.json':
    case 'npm-shrinkwrap.json':
      return parsePackageLock;
    case 'yarn.lock':
      return parseYarnLock;
    case 'pnpm-lock.yaml':
      return parsePnpmLock;
    case 'poetry.lock':
      return parsePoetryLock;
    case 'Pipfile.lock':
      return parsePipfileLock;
    default:
      return /^requirements[\w.-]*\.txt$/i.test(baseName) ? parseRequirements : undefined;
  }
}
