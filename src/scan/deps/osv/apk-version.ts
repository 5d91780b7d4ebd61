/**
 * Alpine package version ordering (apk-tools): `digits{.digits}...{letter}{_suffix{digits}}...{~hash}{-rN}`.
 * Tokens compare pairwise; a number after a dot with a leading zero compares as a string (`1.01 < 1.1`);
 * suffixes order alpha < beta < pre < rc < (none) < cvs < svn < git < hg < p; when one version runs
 * out of tokens first it is the smaller one, unless the longer one continues with a pre-release suffix
 * (`1.0_rc1 < 1.0 < 1.0_p1`), and `-rN` (the package revision) sorts after everything else.
 */

const enum T {
  Initial = 0,
  Digit = 1,
  Letter = 2,
  Suffix = 3,
  SuffixNo = 4,
  Hash = 5,
  Revision = 6,
  End = 7,
  /** Where an invalid version stops making sense: compared as text from there (apk does the same). */
  Invalid = 8,
}

interface Token {
  readonly type: T;
  /** Digits or hash as written; a letter; for suffixes the suffix's rank. */
  readonly text: string;
  readonly rank?: number;
}

const SUFFIXES = ['alpha', 'beta', 'pre', 'rc', '', 'cvs', 'svn', 'git', 'hg', 'p'];
const NONE = SUFFIXES.indexOf('');

const cache = new Map<string, Token[]>();
const MAX = 100_000;

/** The version's tokens, ending with End, or with Invalid (holding the rest) where apk would call it invalid. */
function apkTokens(v: string): Token[] {
  let t = cache.get(v);
  if (t === undefined) {
    t = tokenize(v);
    if (cache.size >= MAX) cache.clear();
    cache.set(v, t);
  }
  return t;
}

const DIGITS = /\d+/y;
const LOWER = /[a-z]+/y;
const HEX = /[0-9a-f]+/y;

function take(re: RegExp, s: string, at: number): string | undefined {
  re.lastIndex = at;
  return re.exec(s)?.[0];
}

function tokenize(s: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const bad = (): Token[] => [...out, { type: T.Invalid, text: s.slice(i) }];
  const first = take(DIGITS, s, 0);
  if (!first) return bad();
  out.push({ type: T.Initial, text: first });
  i = first.length;
  let last = T.Initial;
  while (i < s.length) {
    const c = s[i]!;
    if (c === '.' && last <= T.Digit) {
      const d = take(DIGITS, s, i + 1);
      if (!d) return bad();
      out.push({ type: T.Digit, text: d });
      i += 1 + d.length;
      last = T.Digit;
    } else if (c >= 'a' && c <= 'z' && last <= T.Digit) {
      out.push({ type: T.Letter, text: c });
      i += 1;
      last = T.Letter;
    } else if (c === '_' && last <= T.SuffixNo) {
      const name = take(LOWER, s, i + 1);
      const rank = name === undefined || name === '' ? -1 : SUFFIXES.indexOf(name);
      if (rank < 0) return bad();
      out.push({ type: T.Suffix, text: name!, rank });
      i += 1 + name!.length;
      const n = take(DIGITS, s, i);
      if (n) {
        out.push({ type: T.SuffixNo, text: n });
        i += n.length;
        last = T.SuffixNo;
      } else last = T.Suffix;
    } else if (c === '~' && last < T.Hash) {
      const h = take(HEX, s, i + 1);
      if (!h) return bad();
      out.push({ type: T.Hash, text: h });
      i += 1 + h.length;
      last = T.Hash;
    } else if (c === '-' && s[i + 1] === 'r' && last < T.Revision) {
      const n = take(DIGITS, s, i + 2);
      if (!n) return bad();
      out.push({ type: T.Revision, text: n });
      i += 2 + n.length;
      last = T.Revision;
    } else return bad();
  }
  out.push({ type: T.End, text: '' });
  return out;
}

/** Decimal strings without leading zeros: longer is larger, else compare as text. */
function compareNumbers(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function compareToken(a: Token, b: Token): number {
  switch (a.type) {
    case T.Digit:
      // apk: "if either of the digits have a leading zero, use string comparison"
      if (a.text.startsWith('0') || b.text.startsWith('0')) return compareText(a.text, b.text);
      return compareNumbers(a.text, b.text);
    case T.Initial:
    case T.SuffixNo:
    case T.Revision:
      return compareNumbers(a.text, b.text);
    case T.Suffix:
      return Math.sign(a.rank! - b.rank!);
    case T.Letter:
    case T.Hash:
    case T.Invalid:
      return compareText(a.text, b.text);
    default:
      return 0;
  }
}

/**
 * -1, 0 or 1. With `fuzzy` (apk's `~` operator) a version equals any version it starts with:
 * `3.6.9 ~ 3.6`. Invalid versions are compared up to where they go wrong, then as text.
 */
export function compareApkVersions(a: string, b: string, fuzzy = false): number {
  const ta = apkTokens(a);
  const tb = apkTokens(b);
  let k = 0;
  for (; ; k++) {
    const x = ta[k]!;
    const y = tb[k]!;
    if (fuzzy && y.type === T.End) return 0;
    if (x.type !== y.type) break;
    if (x.type === T.End) return 0;
    const r = compareToken(x, y);
    if (r !== 0) return r;
  }
  const x = ta[k]!;
  const y = tb[k]!;
  // The one that goes on is newer, unless it goes on with a pre-release suffix.
  if (x.type === T.Suffix && x.rank! < NONE) return -1;
  if (y.type === T.Suffix && y.rank! < NONE) return 1;
  return x.type > y.type ? -1 : 1;
}

export const isApkVersion = (v: string): boolean => apkTokens(v).at(-1)!.type === T.End;

/** One string per apk-equal version (leading zeros of plain numbers dropped). */
export function apkCanonical(v: string): string | null {
  if (!isApkVersion(v)) return null;
  const t = apkTokens(v);
  return t.map((x) => `${x.type}:${x.type === T.Digit ? x.text : x.type === T.Suffix ? String(x.rank) : x.text.replace(/^0+(?=\d)/, '')}`).join('|');
}
