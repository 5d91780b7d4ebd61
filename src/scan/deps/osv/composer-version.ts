/**
 * Packagist (Composer) version ordering. Composer normalises a version (drop a leading `v`, pad the
 * number to four parts, `-RC1`/`-beta2`/`-alpha`/`-p1`/`-dev` suffixes) and then orders normalised
 * versions with PHP's version_compare: parts split at `.`, `-`, `_`, `+` and digit/letter changes;
 * numbers compare as numbers; words order dev < alpha = a < beta = b < RC = rc < (number) < pl = p,
 * any other word below dev. Branch names (`dev-main`) have no order: not valid here.
 * Limit: Composer's date-versions and `.x-dev` branch aliases are not read (OSV ranges do not use them).
 */

const MODIFIER = /^(?:[-_.+]?)(stable|beta|b|rc|alpha|a|patch|pl|p|dev)(?:[.-]?(\d+(?:\.\d+)*))?$/i;

/** "v1.2" -> "1.2.0.0"; "1.0.0-RC1" -> "1.0.0.0-RC1"; undefined for branches and unknown forms. */
export function normalizeComposerVersion(raw: string): string | undefined {
  const v = raw.trim().replace(/^[vV](?=\d)/, '').replace(/[+#].*$/, '');
  const m = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.(\d+))?(.*)$/.exec(v);
  if (!m) return undefined;
  const nums = [m[1], m[2] ?? '0', m[3] ?? '0', m[4] ?? '0'].join('.');
  const rest = m[5] ?? '';
  if (rest === '') return nums;
  const mod = MODIFIER.exec(rest);
  if (!mod) return undefined;
  const word = mod[1]!.toLowerCase();
  const kind = word === 'stable' ? '' : word === 'b' ? 'beta' : word === 'a' ? 'alpha' : word === 'rc' ? 'RC' : word === 'p' || word === 'pl' ? 'patch' : word;
  if (kind === '') return nums;
  return `${nums}-${kind}${mod[2] ?? ''}`;
}

export function isComposerVersion(v: string): boolean {
  return normalizeComposerVersion(v) !== undefined;
}

/** PHP version_compare's canonical parts: separators to '.', a '.' between digit/letter changes. */
function phpParts(v: string): string[] {
  const canon = v.replace(/[-_+]/g, '.').replace(/(\d)(?=[^\d.])|([^\d.])(?=\d)/g, '$1$2.');
  return canon.split('.').filter((p) => p !== '');
}

function specialRank(p: string): number {
  const w = p.toLowerCase();
  if (w.startsWith('dev')) return 0;
  if (w.startsWith('alpha') || w === 'a') return 1;
  if (w.startsWith('beta') || w === 'b') return 2;
  if (w.startsWith('rc')) return 3;
  if (w === '#') return 4;
  if (w.startsWith('pl') || w === 'p' || w.startsWith('patch')) return 5;
  return -1;
}

const isNum = (p: string) => /^\d+$/.test(p);

function comparePart(a: string, b: string): number {
  if (isNum(a) && isNum(b)) {
    const x = BigInt(a);
    const y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (!isNum(a) && !isNum(b)) return Math.sign(specialRank(a) - specialRank(b));
  // A number against a word: the number ranks as '#'.
  return isNum(a) ? Math.sign(specialRank('#') - specialRank(b)) : Math.sign(specialRank(a) - specialRank('#'));
}

export function compareComposerVersions(a: string, b: string): number {
  const na = normalizeComposerVersion(a);
  const nb = normalizeComposerVersion(b);
  if (na === undefined || nb === undefined) throw new TypeError(`invalid Composer version: ${na === undefined ? a : b}`);
  const pa = phpParts(na);
  const pb = phpParts(nb);
  const n = Math.min(pa.length, pb.length);
  for (let i = 0; i < n; i++) {
    const r = comparePart(pa[i]!, pb[i]!);
    if (r !== 0) return r;
  }
  // The longer one: a further number makes it newer; a further word compares against a number.
  if (pa.length > n) return isNum(pa[n]!) ? 1 : comparePart(pa[n]!, '#') || 1;
  if (pb.length > n) return isNum(pb[n]!) ? -1 : -(comparePart(pb[n]!, '#') || 1);
  return 0;
}

export function composerCanonical(v: string): string | null {
  return normalizeComposerVersion(v) ?? null;
}
