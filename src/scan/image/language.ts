import path from 'node:path';
import { parserFor, supersededBySibling } from '../deps/lockfiles/index.js';
import type { LockedPackage, Lockfile } from '../deps/types.js';

const NODE_PKG = /(^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\/package\.json$/;
const DIST_INFO = /(^|\/)(?:site|dist)-packages\/[^/]+\.dist-info\/METADATA$/;

/** Files whose content the image scan keeps (everything else is only listed). */
export function isLanguageFile(p: string): boolean {
  if (NODE_PKG.test(p) || DIST_INFO.test(p)) return true;
  // Lockfiles shipped with an application; those inside installed packages are not what is installed.
  return !p.includes('node_modules/') && parserFor(path.posix.basename(p)) !== undefined;
}

export interface LanguageScan {
  lockfiles: Lockfile[];
  /** Files that could not be read: [file, message]. */
  problems: [string, unknown][];
}

/**
 * Language packages in the image: lockfiles (the same parsers as `scan deps`), installed npm
 * packages (each `node_modules/<name>/package.json`, grouped per application folder) and installed
 * Python distributions (`site-packages/*.dist-info/METADATA`, grouped per site-packages folder).
 */
export function languagePackages(files: Iterable<[string, Buffer]>): LanguageScan {
  const lockfiles: Lockfile[] = [];
  const problems: [string, unknown][] = [];
  const npm = new Map<string, LockedPackage[]>();
  const pypi = new Map<string, LockedPackage[]>();
  const add = (m: Map<string, LockedPackage[]>, k: string, p: LockedPackage) => {
    const list = m.get(k);
    if (list) list.push(p);
    else m.set(k, [p]);
  };
  const all = [...files];
  const names = new Set(all.map(([f]) => f));
  for (const [file, buf] of all) {
    const nodeMatch = NODE_PKG.exec(file);
    if (nodeMatch) {
      try {
        const doc = JSON.parse(buf.toString('utf8')) as { name?: unknown; version?: unknown };
        if (typeof doc.name === 'string' && typeof doc.version === 'string') add(npm, file.slice(0, file.indexOf('node_modules/')) || '.', { name: doc.name, version: doc.version, file, key: file });
      } catch {
        // A broken package.json in node_modules is not the application's problem to report.
      }
      continue;
    }
    if (DIST_INFO.test(file)) {
      const head = buf.toString('utf8').split(/\r?\n\r?\n/, 1)[0]!;
      const name = /^Name:\s*(.+?)\s*$/m.exec(head)?.[1];
      const version = /^Version:\s*(.+?)\s*$/m.exec(head)?.[1];
      if (name && version) add(pypi, path.posix.dirname(path.posix.dirname(file)), { name, version, file, key: file });
      continue;
    }
    const parse = parserFor(path.posix.basename(file));
    if (!parse || supersededBySibling(file, (r) => names.has(r))) continue;
    try {
      lockfiles.push(parse(buf.toString('utf8'), file));
    } catch (err) {
      problems.push([file, err]);
    }
  }
  for (const [dir, packages] of npm) lockfiles.push({ file: dir === '.' ? 'node_modules' : `${dir}node_modules`, ecosystem: 'npm', format: 'node_modules', packages, hasGraph: false });
  for (const [dir, packages] of pypi) lockfiles.push({ file: dir, ecosystem: 'PyPI', format: 'site-packages', packages, hasGraph: false });
  return { lockfiles, problems };
}
