import type { LockfileParser } from '../types.js';
import { parseCargoLock } from './cargo-lock.js';
import { parseComposerLock } from './composer-lock.js';
import { parseGemfileLock } from './gemfile-lock.js';
import { parseGoMod, parseGoSum } from './go-mod.js';
import { parseGradleLockfile } from './gradle-lockfile.js';
import { parseMavenPom } from './maven-pom.js';
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
    case 'go.mod':
      return parseGoMod;
    case 'go.sum':
      return parseGoSum;
    case 'Cargo.lock':
      return parseCargoLock;
    case 'Gemfile.lock':
    case 'gems.locked':
      return parseGemfileLock;
    case 'composer.lock':
      return parseComposerLock;
    case 'pom.xml':
      return parseMavenPom;
    case 'gradle.lockfile':
    case 'buildscript-gradle.lockfile':
      return parseGradleLockfile;
    default:
      return /^requirements[\w.-]*\.txt$/i.test(baseName) ? parseRequirements : undefined;
  }
}
