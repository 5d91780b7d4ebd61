/**
 * Debian package version ordering, as `dpkg --compare-versions` does it (deb-version(7)):
 * `[epoch:]upstream[-revision]`, epochs numeric, then upstream and revision each compared in
 * alternating non-digit / digit runs. In non-digit runs `~` sorts before everything, even the end
 * of the string (so `1.0~rc1 < 1.0`), letters before other characters; digit runs compare as numbers.
 * Written here because no npm library gets it right on real bookworm versions (issue 19).
 */

export interface DpkgVersion {
  readonly epoch: number;
  readonly upstream: string;
  readonly revision: string;
}

const UPSTREAM = /^[A-Za-z0-9.+~:-]+$/;
const REVISION = /^[A-Za-z0-9.+~]+$/;

/** Split a version; null when dpkg would refuse it (empty, bad epoch, characters outside the allowed set). */
export function parseDpkgVersion(v: string): DpkgVersion | null {
  const s = v.trim();
  if (s === '') return null;
  let epoch = 0;
  let rest = s;
  const colon = s.indexOf(':');
  if (colon >= 0) {
    const e = s.slice(0, colon);
    if (!/^\d{1,9}$/.test(e)) return null;
    epoch = Number(e);
    rest = s.slice(colon + 1);
  }
  const dash = rest.lastIndexOf('-');
  const upstream = dash >= 0 ? rest.slice(0, dash) : rest;
  const revision = dash >= 0 ? rest.slice(dash + 1) : '';
  if (!UPSTREAM.test(upstream) || (dash >= 0 && !REVISION.test(revision))) return null;
  // A colon is only allowed in upstream when there is an epoch (dpkg's own rule).
  if (colon < 0 && upstream.includes(':')) return null;
  return { epoch, upstream, revision };
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** Weight of one character in a non-digit run; NaN (past the end) and digits weigh 0. */
function order(s: string, i: number): number {
  if (i >= s.length) return 0;
  const c = s.charCodeAt(i);
  if (isDigit(c)) return 0;
  if (isLetter(c)) return c;
  if (c === 126) return -1; // '~'
  return c + 256;
}

/** dpkg's verrevcmp: one upstream or revision part against another. */
function compareFragment(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while ((i < a.length && !isDigit(a.charCodeAt(i))) || (j < b.length && !isDigit(b.charCodeAt(j)))) {
      const d = order(a, i) - order(b, j);
      if (d !== 0) return d;
      i++;
      j++;
    }
    while (i < a.length && a.charCodeAt(i) === 48) i++;
    while (j < b.length && b.charCodeAt(j) === 48) j++;
    let firstDiff = 0;
    while (i < a.length && j < b.length && isDigit(a.charCodeAt(i)) && isDigit(b.charCodeAt(j))) {
      if (firstDiff === 0) firstDiff = a.charCodeAt(i) - b.charCodeAt(j);
      i++;
      j++;
    }
    if (i < a.length && isDigit(a.charCodeAt(i))) return 1;
    if (j < b.length && isDigit(b.charCodeAt(j))) return -1;
    if (firstDiff !== 0) return firstDiff;
  }
  return 0;
}

export function compareDpkgParsed(a: DpkgVersion, b: DpkgVersion): number {
  if (a.epoch !== b.epoch) return a.epoch < b.epoch ? -1 : 1;
  return Math.sign(compareFragment(a.upstream, b.upstream)) || Math.sign(compareFragment(a.revision, b.revision));
}

const cache = new Map<string, DpkgVersion | null>();
const MAX = 100_000;

function parsed(v: string): DpkgVersion | null {
  let p = cache.get(v);
  if (p === undefined) {
    p = parseDpkgVersion(v);
    if (cache.size >= MAX) cache.clear();
    cache.set(v, p);
  }
  return p;
}

export const isDpkgVersion = (v: string): boolean => parsed(v) !== null;

/** -1, 0 or 1; throws on a version dpkg would refuse (check with isDpkgVersion first). */
export function compareDpkgVersions(a: string, b: string): number {
  const pa = parsed(a);
  const pb = parsed(b);
  if (!pa || !pb) throw new TypeError(`invalid Debian version: ${!pa ? a : b}`);
  return compareDpkgParsed(pa, pb);
}

/** One string per dpkg-equal version ("1.0" and "0:1.0-0" give the same). */
export function dpkgCanonical(v: string): string | null {
  const p = parsed(v);
  if (!p) return null;
  const norm = (s: string) => s.replace(/(^|\D)0+(?=\d)/g, '$1');
  const rev = p.revision === '' || /^0+$/.test(p.revision) ? '' : `-${norm(p.revision)}`;
  return `${p.epoch}:${norm(p.upstream)}${rev}`;
}
