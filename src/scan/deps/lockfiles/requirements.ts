import { skippedEntry, type LockedPackage, type Lockfile } from '../types.js';
import { normalizePyName } from './pep503.js';

export interface RequirementsFile extends Lockfile {
  /** `-r other.txt` / `-c constraints.txt` lines, resolved by the caller relative to this file. */
  readonly includes: readonly { readonly path: string; readonly line: number }[];
}

// name[extras] (op version)(, op version)* (; markers)
const REQ = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(.*?)\s*(?:;(.*))?$/;
const SPEC = /^(===|==|~=|!=|<=|>=|<|>)\s*([^\s,;]+)$/;
/** One inclusive bound alone (`>=4.1.1`, `~=1.1`, `<=1.2.3`): a version pip may install, listed as a constraint. */
const BOUND_OPS = new Set(['>=', '~=', '<=']);

/**
 * requirements*.txt (pip's format): `name==1.2.3` pins are what is installed; `===` too. A single
 * inclusive bound (`>=4.1.1`, `~=1.1`, `<=1.2.3`) is listed at that bound with `constraint` set, so the
 * package is in the inventory and SBOM as users of other scanners expect, and its findings say "may be
 * affected" (docs/deps.md). Other ranges (`>=1,<2`, `>1`, `!=3.5`, `==2.*`) name no version: a note
 * (pin with pip-compile or pip freeze to scan them). Hashes, markers, extras, comments and line
 * continuations are understood; pip options other than -r/-c are ignored.
 */
export function parseRequirements(text: string, file: string): RequirementsFile {
  const packages: LockedPackage[] = [];
  const includes: { path: string; line: number }[] = [];
  const notes: string[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let line = lines[i]!;
    // A trailing backslash continues the logical line (used with --hash).
    while (/\\\s*$/.test(line) && i + 1 < lines.length) line = line.replace(/\\\s*$/, ' ') + lines[++i]!;
    line = line.replace(/(^|\s)#.*$/, '').trim();
    if (line === '') continue;
    const lineNo = start + 1;
    const include = /^(?:-r|--requirement|-c|--constraint)(?:\s+|=)(\S+)/.exec(line);
    if (include) {
      includes.push({ path: include[1]!, line: lineNo });
      continue;
    }
    if (line.startsWith('-')) continue; // --index-url, -e, --hash on its own line, -f ...
    if (/^(https?|file|git\+\w+):/.test(line) || line.startsWith('.') || line.startsWith('/')) {
      notes.push(`${file}:${lineNo}: a URL or path requirement has no version to check`);
      continue;
    }
    // Options after the requirement: --hash=..., --install-option..., and short ones (-C key=value).
    const body = line.replace(/\s+--\S+(\s+[^-\s]\S*)?/g, '').replace(/\s+-[A-Za-z](?:=\S*|\s+[^-\s]\S*|\S*)/g, '').trim();
    const m = REQ.exec(body);
    if (!m) {
      notes.push(skippedEntry(file, lineNo, `cannot read requirement ${JSON.stringify(line.slice(0, 80))}`));
      continue;
    }
    const name = normalizePyName(m[1]!);
    const rest = m[3]!.trim();
    if (rest.startsWith('@')) {
      notes.push(`${file}:${lineNo}: ${name} is installed from a URL; no version to check`);
      continue;
    }
    if (rest === '') {
      notes.push(`${file}:${lineNo}: ${name} is not pinned; pin it (==) to scan it`);
      continue;
    }
    const specs = rest.split(',').map((s) => s.trim()).filter(Boolean);
    const parsed = specs.map((s) => SPEC.exec(s));
    const bad = parsed.findIndex((p) => p === null);
    if (bad >= 0) {
      notes.push(skippedEntry(file, lineNo, `cannot read version specifier ${JSON.stringify(specs[bad])} of ${name}`));
      continue;
    }
    const pin = parsed.find((p) => p![1] === '==' || p![1] === '===');
    const bound = !pin && parsed.length === 1 && BOUND_OPS.has(parsed[0]![1]!) ? parsed[0]! : undefined;
    const chosen = pin ?? bound;
    if (!chosen || chosen[2]!.includes('*')) {
      notes.push(`${file}:${lineNo}: ${name}${rest} is a range, not a pin; pin it (==) to scan it`);
      continue;
    }
    // pip expands ${VAR} from the environment at install time: the version is not in the file.
    if (chosen[2]!.includes('${')) {
      notes.push(skippedEntry(file, lineNo, `${name}${chosen[1]}${chosen[2]} takes its version from an environment variable; pin a literal version to scan it`));
      continue;
    }
    if (bound) {
      const constraint = `${bound[1]}${bound[2]}`;
      notes.push(`${file}:${lineNo}: ${name}${constraint} is a constraint, not a pin: listed at its bound ${bound[2]} and matched as "may be affected"; pin it (==) to scan what is installed`);
      packages.push({ name, version: bound[2]!, line: lineNo, constraint });
      continue;
    }
    packages.push({ name, version: chosen[2]!, line: lineNo });
  }
  return { file, ecosystem: 'PyPI', format: 'requirements', packages, direct: packages.map((p) => p.name), hasGraph: true, notes, includes };
}
