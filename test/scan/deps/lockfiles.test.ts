import { describe, expect, it } from 'vitest';
import { dependencyPaths } from '../../../src/scan/deps/graph.js';
import { parserFor } from '../../../src/scan/deps/lockfiles/index.js';
import { parsePackageLock } from '../../../src/scan/deps/lockfiles/package-lock.js';
import { parsePipfileLock } from '../../../src/scan/deps/lockfiles/pipfile-lock.js';
import { parseKey, parsePnpmLock } from '../../../src/scan/deps/lockfiles/pnpm-lock.js';
import { parsePoetryLock } from '../../../src/scan/deps/lockfiles/poetry-lock.js';
import { parseRequirements } from '../../../src/scan/deps/lockfiles/requirements.js';
import { parseYarnLock } from '../../../src/scan/deps/lockfiles/yarn-lock.js';
import { LockfileError, type Lockfile } from '../../../src/scan/deps/types.js';
import { fixture } from './helpers.js';

/** name@version -> dependency chain, for every package in the lockfile. */
function chains(lock: Lockfile): Record<string, string | undefined> {
  const pathTo = dependencyPaths(lock);
  const out: Record<string, string | undefined> = {};
  for (const p of lock.packages) out[`${p.name}@${p.version}`] = pathTo(p.key ?? p.name)?.join(' > ');
  return out;
}

// Every npm fixture describes the same install: express 4.4.0 (-> qs 0.6.6, ms 0.6.0), lodash 4.17.4, marked 0.3.5 (dev).
const NPM_EXPECTED = {
  'express@4.4.0': 'express',
  'lodash@4.17.4': 'lodash',
  'marked@0.3.5': 'marked',
  'qs@0.6.6': 'express > qs',
  'ms@0.6.0': 'express > ms',
};

function caught(fn: () => unknown): LockfileError {
  try {
    fn();
  } catch (e) {
    if (e instanceof LockfileError) return e;
    throw e;
  }
  throw new Error('expected a LockfileError');
}

describe('npm lockfiles', () => {
  for (const [dir, file, format] of [
    ['npm-v3', 'package-lock.json', 'package-lock v3'],
    ['npm-v2', 'package-lock.json', 'package-lock v2'],
    ['npm-v1', 'package-lock.json', 'package-lock v1'],
    ['shrinkwrap', 'npm-shrinkwrap.json', 'npm-shrinkwrap v3'],
  ] as const) {
    it(`${format}: packages, nested installs and dependency paths`, () => {
      const lock = parsePackageLock(fixture(`${dir}/${file}`), file);
      expect(lock.format).toBe(format);
      expect(lock.ecosystem).toBe('npm');
      expect(chains(lock)).toMatchObject(NPM_EXPECTED);
      // ms 2.0.0 is installed at the top but the project does not require it (v1: nothing requires it, so it counts as direct).
      expect(lock.packages.filter((p) => p.name === 'ms').map((p) => p.version).sort()).toEqual(['0.6.0', '2.0.0']);
      expect(lock.packages.find((p) => p.name === 'marked')!.dev).toBe(true);
    });
  }

  it('gives the line of each v3 entry', () => {
    const text = fixture('npm-v3/package-lock.json');
    const lock = parsePackageLock(text, 'package-lock.json');
    const lodash = lock.packages.find((p) => p.name === 'lodash')!;
    expect(text.split('\n')[lodash.line! - 1]).toContain('"node_modules/lodash"');
  });

  it('reports invalid JSON with file and line', () => {
    const e = caught(() => parsePackageLock(fixture('malformed/package-lock.json'), 'malformed/package-lock.json'));
    expect(e.file).toBe('malformed/package-lock.json');
    expect(e.line).toBe(6);
    expect(e.message).toMatch(/invalid JSON/);
  });

  it('skips an entry without a version with a warning naming its line, and keeps the others', () => {
    const text = '{\n "lockfileVersion": 3,\n "packages": {\n  "": {},\n  "node_modules/x": { "resolved": "y" },\n  "node_modules/z": { "version": "1.0.0" }\n }\n}\n';
    const lock = parsePackageLock(text, 'package-lock.json');
    expect(lock.packages.map((p) => p.name)).toEqual(['z']);
    expect(lock.notes).toEqual(['package-lock.json:5: package "node_modules/x" has no "version"; this entry was skipped, the rest of the file was scanned']);
  });

  it('v1: an alias ("npm:@babel/code-frame@7.0.0") is the aliased package at its version', () => {
    const text = '{\n "lockfileVersion": 1,\n "dependencies": {\n  "code-frame": { "version": "npm:@babel/code-frame@7.0.0" },\n  "plain": { "version": "1.2.3" }\n }\n}\n';
    expect(parsePackageLock(text, 'package-lock.json').packages.map((p) => [p.name, p.version, p.key])).toEqual([
      ['@babel/code-frame', '7.0.0', 'node_modules/code-frame'],
      ['plain', '1.2.3', 'node_modules/plain'],
    ]);
  });
});

describe('yarn.lock', () => {
  it('v1: entries with several specs, dependencies resolved by spec', () => {
    const lock = parseYarnLock(fixture('yarn-v1/yarn.lock'), 'yarn.lock');
    expect(lock.format).toBe('yarn v1');
    const byName = Object.fromEntries(lock.packages.map((p) => [`${p.name}@${p.version}`, p]));
    expect(Object.keys(byName).sort()).toEqual(['express@4.4.0', 'lodash@4.17.4', 'marked@0.3.5', 'ms@0.6.0', 'ms@2.0.0', 'qs@0.6.6']);
    expect(byName['express@4.4.0']!.line).toBe(5);
    // v1 does not name the project's own dependencies: packages nothing depends on are the roots.
    expect(chains(lock)).toMatchObject({ 'qs@0.6.6': 'express > qs', 'ms@0.6.0': 'express > ms', 'lodash@4.17.4': 'lodash' });
  });

  it('aliases (`x@npm:real@^1`) are reported under the real package name, in v1 and berry', () => {
    const v1 = parseYarnLock('# yarn lockfile v1\n\n"string-width-cjs@npm:string-width@^4.2.0":\n  version "4.2.3"\n', 'yarn.lock');
    expect(v1.packages.map((p) => `${p.name}@${p.version}`)).toEqual(['string-width@4.2.3']);
    const berry = parseYarnLock('__metadata:\n  version: 8\n\n"string-width-cjs@npm:string-width@^4.2.0":\n  version: 4.2.3\n  resolution: "string-width@npm:4.2.3"\n', 'yarn.lock');
    expect(berry.packages.map((p) => `${p.name}@${p.version}`)).toEqual(['string-width@4.2.3']);
  });

  it('berry: workspace entry gives the direct dependencies', () => {
    const lock = parseYarnLock(fixture('yarn-berry/yarn.lock'), 'yarn.lock');
    expect(lock.format).toBe('yarn berry');
    expect(lock.packages.some((p) => p.name === 'shop')).toBe(false);
    expect(chains(lock)).toMatchObject({ ...NPM_EXPECTED, 'ms@2.0.0': 'ms' });
  });

  it('v1: a line that does not start an entry is a warning with its line; the entries before and after are kept', () => {
    const lock = parseYarnLock(fixture('malformed/yarn/yarn.lock') + '  version "9.9.9"\n\nms@^2.0.0:\n  version "2.0.0"\n', 'yarn.lock');
    expect(lock.packages.map((p) => `${p.name}@${p.version}`)).toEqual(['lodash@4.17.4', 'ms@2.0.0']);
    expect(lock.notes).toEqual(['yarn.lock:6: expected "<package>@<range>:" to start an entry, got "broken line without colon"; this entry was skipped, the rest of the file was scanned']);
  });

  it('v1: keys written with quotes ("version" "1.2.3", as some writers do) are read like plain ones', () => {
    const lock = parseYarnLock('# yarn lockfile v1\n\nleft-pad@^1.3.0:\n  "version" "1.3.0"\n  "resolved" "https://registry.yarnpkg.com/left-pad/-/left-pad-1.3.0.tgz"\n', 'yarn.lock');
    expect(lock.packages.map((p) => `${p.name}@${p.version}`)).toEqual(['left-pad@1.3.0']);
    expect(lock.notes).toEqual([]);
  });

  it('berry: invalid YAML is an error with its line', () => {
    const e = caught(() => parseYarnLock('__metadata:\n  version: 8\n\n"a@npm:1":\n  version: [1\n', 'yarn.lock'));
    expect(e.file).toBe('yarn.lock');
    expect(e.line).toBeGreaterThanOrEqual(5);
  });
});

describe('pnpm-lock.yaml', () => {
  for (const v of ['v5', 'v6', 'v9']) {
    it(`${v}: packages and paths from importers / top-level maps`, () => {
      const lock = parsePnpmLock(fixture(`pnpm-${v}/pnpm-lock.yaml`), 'pnpm-lock.yaml');
      expect(chains(lock)).toEqual(NPM_EXPECTED);
      expect(lock.packages.every((p) => p.line !== undefined)).toBe(true);
    });
  }

  it('reads peer-suffixed and scoped keys of every version', () => {
    expect(parseKey('/@babel/core/7.1.0_react@16.0.0', 5)).toEqual({ name: '@babel/core', version: '7.1.0' });
    expect(parseKey('/@babel/core@7.1.0(react@18.2.0)', 6)).toEqual({ name: '@babel/core', version: '7.1.0' });
    expect(parseKey('react-dom@18.2.0(react@18.2.0)', 9)).toEqual({ name: 'react-dom', version: '18.2.0' });
  });

  it('invalid YAML is an error with its line', () => {
    const e = caught(() => parsePnpmLock("lockfileVersion: '9.0'\npackages:\n  a@1.0.0: {resolution: [\n", 'pnpm-lock.yaml'));
    expect(e.file).toBe('pnpm-lock.yaml');
    expect(e.line).toBeGreaterThanOrEqual(3);
  });

  it('a file without lockfileVersion is refused', () => {
    expect(() => parsePnpmLock('packages: {}\n', 'pnpm-lock.yaml')).toThrow(/lockfileVersion/);
  });
});

describe('requirements*.txt', () => {
  it('pins (== and ===), hashes on continuation lines, markers, extras, includes; ranges are noted, not guessed', () => {
    const lock = parseRequirements(fixture('requirements/requirements.txt'), 'requirements.txt');
    expect(lock.packages.map((p) => [p.name, p.version, p.line])).toEqual([
      ['django', '3.1.0', 3],
      ['requests', '2.32.3', 5],
      ['pyyaml', '5.3', 6],
      ['flask', '0.12', 7],
    ]);
    expect(lock.includes).toEqual([{ path: 'requirements/base.txt', line: 2 }]);
    expect(lock.notes).toEqual(['requirements.txt:8: urllib3>=1.26,<2 is a range, not a pin; pin it (==) to scan it']);
  });

  it('a line that is not a requirement is a warning with its line; the other requirements are kept', () => {
    const lock = parseRequirements(fixture('malformed/py/requirements.txt') + 'django==3.1.0\n!!!\n', 'py/requirements.txt');
    expect(lock.packages.map((p) => `${p.name}@${p.version}:${p.line}`)).toEqual(['flask@0.12:1', 'django@3.1.0:3']);
    expect(lock.notes?.map((n) => n.split(': ')[0])).toEqual(['py/requirements.txt:2', 'py/requirements.txt:4']);
  });

  it('pnpm: a key whose last part is no version (a bare repository path, "/name/word") is a warning, not a package', () => {
    const text = "lockfileVersion: 5.4\npackages:\n  /left-pad/1.3.0:\n    dev: false\n  codeberg.org/someone/tiny-lib:\n    dev: false\n  /tools/latest:\n    dev: true\n  registry.example.org/@acme/ui/2.0.1:\n    dev: false\n";
    const lock = parsePnpmLock(text, 'pnpm-lock.yaml');
    expect(lock.packages.map((p) => `${p.name}@${p.version}`)).toEqual(['left-pad@1.3.0', '@acme/ui@2.0.1']);
    expect(lock.notes).toEqual([expect.stringMatching(/^pnpm-lock\.yaml:5: package "codeberg\.org\/someone\/tiny-lib" has no version/), expect.stringMatching(/^pnpm-lock\.yaml:7: package "\/tools\/latest" has no version/)]);
  });

  it('a version taken from an environment variable (${VAR}) is a warning, not a package with a made-up version', () => {
    const lock = parseRequirements('flask==2.0.1\nhttpx==${HTTPX_VERSION}\nrich==13.0.0 --hash=sha256:${H}\n', 'requirements.txt');
    expect(lock.packages.map((p) => `${p.name}@${p.version}`)).toEqual(['flask@2.0.1', 'rich@13.0.0']);
    expect(lock.notes).toEqual([expect.stringMatching(/^requirements\.txt:2: httpx==\$\{HTTPX_VERSION\} takes its version from an environment variable/)]);
  });

  it('matches file names: requirements.txt, requirements-dev.txt, requirements/prod.txt is not one', () => {
    expect(parserFor('requirements.txt')).toBeDefined();
    expect(parserFor('requirements-dev.txt')).toBeDefined();
    expect(parserFor('prod.txt')).toBeUndefined();
    expect(parserFor('package.json')).toBeUndefined();
  });
});

describe('poetry.lock and Pipfile.lock', () => {
  it('poetry: packages with lines, PEP 503 names, graph from [package.dependencies]', () => {
    const lock = parsePoetryLock(fixture('poetry/poetry.lock'), 'poetry.lock');
    expect(lock.packages.map((p) => `${p.name}@${p.version}`)).toEqual(['flask@0.12', 'itsdangerous@2.2.0', 'jinja2@2.10', 'markupsafe@2.1.5', 'werkzeug@3.0.4']);
    expect(lock.packages[0]!.line).toBe(3);
    expect(chains(lock)).toMatchObject({ 'jinja2@2.10': 'flask > jinja2', 'markupsafe@2.1.5': 'flask > jinja2 > markupsafe' });
  });

  it('poetry: invalid TOML names the line', () => {
    const e = caught(() => parsePoetryLock(fixture('malformed/poetry/poetry.lock'), 'poetry.lock'));
    expect(e.where).toBe('poetry.lock:5');
  });

  it('Pipfile.lock: a version that is not "==X" is a warning naming its line; invalid JSON is an error naming its line', () => {
    const bad = '{\n  "default": {\n    "django": {\n      "version": ">=3.1"\n    },\n    "flask": { "version": "==0.12" }\n  }\n}\n';
    const lock = parsePipfileLock(bad, 'Pipfile.lock');
    expect(lock.packages.map((p) => p.name)).toEqual(['flask']);
    expect(lock.notes?.[0]).toMatch(/^Pipfile\.lock:3: "django" has version ">=3\.1", expected "==X"; this entry was skipped/);
    expect(caught(() => parsePipfileLock('{\n  "default": {\n}\n', 'Pipfile.lock')).where).toMatch(/^Pipfile\.lock:\d+$/);
  });

  it('Pipfile.lock: default and develop, path-installs skipped, no graph', () => {
    const lock = parsePipfileLock(fixture('pipfile/Pipfile.lock'), 'Pipfile.lock');
    expect(lock.packages.map((p) => [p.name, p.version, p.dev])).toEqual([
      ['django', '3.1.0', false],
      ['requests', '2.32.3', false],
      ['pyyaml', '5.3', true],
    ]);
    expect(lock.hasGraph).toBe(false);
    expect(chains(lock)['django@3.1.0']).toBeUndefined();
  });
});
