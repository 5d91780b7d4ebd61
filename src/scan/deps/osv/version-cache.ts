import { parse as parsePep440 } from '@renovatebot/pep440/lib/version.js';
import semver, { SemVer } from 'semver';

/**
 * Version comparison with each version string parsed once. Matching a lockfile against an archive
 * compares the same few thousand strings millions of times (PyPI records list every affected
 * release); re-parsing them each time was most of a scan's CPU. Caches are bounded: cleared
 * when they reach MAX entries, which only costs re-parsing.
 */
const MAX = 200_000;

type Pep440Key = [number, number[], unknown, unknown, unknown, unknown];

const pepCache = new Map<string, Pep440Key | null>();
const PLAIN = /^\d{1,15}(\.\d{1,15})*$/;

/**
 * PEP 440 sort key: the same construction as @renovatebot/pep440's compare (itself a port of
 * Python packaging's _cmpkey), built once per string. Trailing zeros of the release do not count,
 * pre/post/dev/local segments order as PEP 440 says.
 */
export function pep440Key(v: string): Pep440Key | null {
  let k = pepCache.get(v);
  if (k !== undefined) return k;
  if (PLAIN.test(v)) {
    // Most versions are plain releases ("2.2.18"): no need for the full PEP 440 grammar.
    const release = v.split('.').map(Number);
    while (release.length > 0 && release[release.length - 1] === 0) release.pop();
    k = [0, release, Infinity, -Infinity, Infinity, -Infinity];
    if (pepCache.size >= MAX) pepCache.clear();
    pepCache.set(v, k);
    return k;
  }
  const p = parsePep440(v) as { epoch: number; release: number[]; pre: unknown; post: unknown; dev: unknown; local: string[] | null } | null;
  if (!p) k = null;
  else {
    const release = [...p.release];
    while (release.length > 0 && release[release.length - 1] === 0) release.pop();
    let pre: unknown = p.pre;
    let post: unknown = p.post;
    let dev: unknown = p.dev;
    if (!pre && !post && dev) pre = -Infinity;
    else if (!pre) pre = Infinity;
    if (!post) post = -Infinity;
    if (!dev) dev = Infinity;
    const local = !p.local ? -Infinity : p.local.map((i) => (Number.isNaN(Number(i)) ? [-Infinity, i] : [Number(i), '']));
    k = [p.epoch, release, pre, post, dev, local];
  }
  if (pepCache.size >= MAX) pepCache.clear();
  pepCache.set(v, k);
  return k;
}

/** Python's tuple ordering, as the key above needs it. */
function pyCompare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (Array.isArray(a) !== Array.isArray(b)) {
    a = Array.isArray(a) ? a : [a];
    b = Array.isArray(b) ? b : [b];
  }
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    const len = Math.min(a.length, bb.length);
    for (let i = 0; i < len; i++) {
      const r = pyCompare(a[i], bb[i]);
      if (r !== 0) return r;
    }
    return a.length - bb.length;
  }
  if (a === -Infinity || b === Infinity) return -1;
  if (a === Infinity || b === -Infinity) return 1;
  return (a as number | string) < (b as number | string) ? -1 : 1;
}

const canonCache = new Map<string, string | null>();

/** One string per PEP 440-equal version ("1.0" and "1.0.0" give the same), for set lookups. */
export function pep440Canonical(v: string): string | null {
  let c = canonCache.get(v);
  if (c !== undefined) return c;
  const k = pep440Key(v);
  if (k === null) c = null;
  else if (k[0] === 0 && k[2] === Infinity && k[3] === -Infinity && k[4] === Infinity && k[5] === -Infinity) c = k[1].join('.');
  else c = JSON.stringify(k, (_key, x: unknown) => (x === Infinity ? 'inf' : x === -Infinity ? '-inf' : x));
  if (canonCache.size >= MAX) canonCache.clear();
  canonCache.set(v, c);
  return c;
}

export function pep440CompareCached(a: string, b: string): number {
  const ka = pep440Key(a);
  const kb = pep440Key(b);
  if (!ka || !kb) throw new TypeError(`invalid PEP 440 version: ${!ka ? a : b}`);
  return Math.sign(pyCompare(ka, kb));
}

const semCache = new Map<string, SemVer | null>();

export function semverParsed(v: string): SemVer | null {
  let s = semCache.get(v);
  if (s !== undefined) return s;
  s = semver.parse(v, { loose: true });
  if (semCache.size >= MAX) semCache.clear();
  semCache.set(v, s);
  return s;
}

export function semverCompareCached(a: string, b: string): number {
  const sa = semverParsed(a);
  const sb = semverParsed(b);
  if (!sa || !sb) throw new TypeError(`invalid semver: ${!sa ? a : b}`);
  return sa.compare(sb);
}
