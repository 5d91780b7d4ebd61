/**
 * Maven version ordering: a port of Maven's own ComparableVersion (maven-artifact 3.9), the order
 * OSV's Maven ECOSYSTEM ranges use. No npm package implements it and is kept up, so it lives here.
 * Rules: the version splits at `.`, `-` and digit/letter changes; `-` and a digit/letter change open
 * a sub-list; numbers compare as numbers; known qualifiers order
 * alpha (a1) < beta (b1) < milestone (m1) < rc (cr) < snapshot < "" (ga, final, release) < sp, and
 * other words sort after them by text; trailing zeros and empty qualifiers do not count
 * (1.0 == 1 == 1-ga). Limit: versions are compared case-insensitively (as Maven does).
 */

type Item = { kind: 'int'; value: bigint } | { kind: 'str'; value: string } | { kind: 'list'; items: Item[] };

const QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const ALIASES: Record<string, string> = { ga: '', final: '', release: '', cr: 'rc' };
const RELEASE_INDEX = String(QUALIFIERS.indexOf(''));

function strItem(raw: string, followedByDigit: boolean): Item {
  let v = raw;
  if (followedByDigit && v.length === 1) v = v === 'a' ? 'alpha' : v === 'b' ? 'beta' : v === 'm' ? 'milestone' : v;
  return { kind: 'str', value: ALIASES[v] ?? v };
}

function qualifierKey(q: string): string {
  const i = QUALIFIERS.indexOf(q);
  return i < 0 ? `${QUALIFIERS.length}-${q}` : String(i);
}

function isNull(item: Item): boolean {
  if (item.kind === 'int') return item.value === 0n;
  if (item.kind === 'str') return item.value === '';
  return item.items.length === 0;
}

function normalize(list: Item[]): void {
  for (let i = list.length - 1; i >= 0; i--) {
    const last = list[i]!;
    if (isNull(last)) list.splice(i, 1);
    else if (last.kind !== 'list') break;
  }
}

const cache = new Map<string, Item>();

export function parseMavenVersion(version: string): Item {
  const hit = cache.get(version);
  if (hit) return hit;
  const v = version.toLowerCase();
  const root: Item[] = [];
  let list = root;
  const stack: Item[][] = [root];
  let isDigit = false;
  let start = 0;
  const item = (digit: boolean, s: string): Item => (digit ? { kind: 'int', value: BigInt(s) } : strItem(s, false));
  const openSub = () => {
    const sub: Item[] = [];
    list.push({ kind: 'list', items: sub });
    list = sub;
    stack.push(sub);
  };
  for (let i = 0; i < v.length; i++) {
    const c = v[i]!;
    if (c === '.') {
      list.push(i === start ? { kind: 'int', value: 0n } : item(isDigit, v.slice(start, i)));
      start = i + 1;
    } else if (c === '-') {
      list.push(i === start ? { kind: 'int', value: 0n } : item(isDigit, v.slice(start, i)));
      start = i + 1;
      openSub();
    } else if (c >= '0' && c <= '9') {
      if (!isDigit && i > start) {
        list.push(strItem(v.slice(start, i), true));
        start = i;
        openSub();
      }
      isDigit = true;
    } else {
      if (isDigit && i > start) {
        list.push(item(true, v.slice(start, i)));
        start = i;
        openSub();
      }
      isDigit = false;
    }
  }
  if (v.length > start) list.push(item(isDigit, v.slice(start)));
  while (stack.length > 0) normalize(stack.pop()!);
  const out: Item = { kind: 'list', items: root };
  if (cache.size > 100_000) cache.clear();
  cache.set(version, out);
  return out;
}

function compareItem(a: Item, b: Item | undefined): number {
  if (a.kind === 'int') {
    if (!b) return a.value === 0n ? 0 : 1;
    if (b.kind === 'int') return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
    return 1; // 1.1 > 1-sp, 1.1 > 1-1
  }
  if (a.kind === 'str') {
    const ka = qualifierKey(a.value);
    if (!b) return Math.sign(ka.localeCompare(RELEASE_INDEX, 'en'));
    if (b.kind === 'str') {
      const kb = qualifierKey(b.value);
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    }
    return -1; // a qualifier is older than a number or a sub-list
  }
  if (!b) {
    for (const x of a.items) {
      const r = compareItem(x, undefined);
      if (r !== 0) return r;
    }
    return 0;
  }
  if (b.kind === 'int') return -1;
  if (b.kind === 'str') return 1;
  const n = Math.max(a.items.length, b.items.length);
  for (let i = 0; i < n; i++) {
    const l = a.items[i];
    const r = b.items[i];
    const res = l === undefined ? -compareItem(r!, undefined) : compareItem(l, r);
    if (res !== 0) return res;
  }
  return 0;
}

export function compareMavenVersions(a: string, b: string): number {
  return compareItem(parseMavenVersion(a), parseMavenVersion(b));
}

/** Any non-empty version without spaces or a range/property syntax. */
export function isMavenVersion(v: string): boolean {
  return /^[^\s[\]()${},]+$/.test(v);
}

/** Equal versions ("1.0", "1", "1-ga") give the same string. */
export function mavenCanonical(v: string): string | null {
  return isMavenVersion(v) ? JSON.stringify(parseMavenVersion(v), (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x)) : null;
}
