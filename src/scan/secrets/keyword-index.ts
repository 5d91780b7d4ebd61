import type { SecretRule } from './rule.js';

/**
 * Aho-Corasick over all rules' keywords, case-insensitive, one pass over the text: every keyword occurrence
 * (overlapping ones too, so "key" inside "api_key" counts) marks its rules as candidates. A dense goto table
 * (256 columns per state; upper case folded to lower, non-ASCII to no keyword) keeps the inner loop to one table
 * read per character. The automaton is plain data (KeywordAutomaton) so the build can write it to a file and a
 * run load it instead of building it (matcher-tables.ts).
 */
export interface KeywordAutomaton {
  /** 256 columns per state: the next state for each byte. */
  goto: Uint16Array | Int32Array;
  /** States from this number on have a non-empty `out` or are reached by an operator character (OPS). */
  firstOut: number;
  /** States from this number on are reached by an operator character: a base64 value may start after it. */
  firstOp: number;
  /** Rule indices whose keyword ends in each state (suffix keywords included); empty for states below firstOut. */
  out: number[][];
}

/**
 * After these characters a base64 value may start (decode.ts: `[:=>\n]`). The automaton tells them
 * apart at no cost to the keyword pass: a state other than the root is reached by one character only (its trie
 * edge), and the root gets a twin, ROOT_OP, reached by an operator when no keyword prefix is under way. Those
 * states are numbered last, so the pass notes base64 candidates in the branch it already takes for keywords.
 */
const OPS = [0x3a, 0x3d, 0x3e, 0x0a];

export function buildKeywordAutomaton(rules: readonly SecretRule[]): KeywordAutomaton {
  // The trie, with sparse edges: per state its [char, target] pairs.
  const edges: number[][] = [[]];
  const out: number[][] = [[]];
  const viaOp: boolean[] = [false];
  rules.forEach((r, ri) => {
    for (const k of r.keywords) {
      let s = 0;
      for (let i = 0; i < k.length; i++) {
        const c = fold(k.charCodeAt(i));
        const e = edges[s]!;
        let t = -1;
        for (let j = 0; j < e.length; j += 2) if (e[j] === c) t = e[j + 1]!;
        if (t === -1) {
          t = edges.length;
          e.push(c, t);
          edges.push([]);
          out.push([]);
          viaOp.push(OPS.includes(c));
        }
        s = t;
      }
      if (!out[s]!.includes(ri)) out[s]!.push(ri);
    }
  });
  // Failure links breadth first (a state's failure state is shallower), walking the sparse edges.
  const n = edges.length;
  const fail = new Int32Array(n);
  const queue: number[] = [0];
  const step = (f: number, c: number): number => {
    for (;;) {
      const e = edges[f]!;
      for (let j = 0; j < e.length; j += 2) if (e[j] === c) return e[j + 1]!;
      if (f === 0) return 0;
      f = fail[f]!;
    }
  };
  for (let q = 0; q < queue.length; q++) {
    const r = queue[q]!;
    const e = edges[r]!;
    for (let j = 0; j < e.length; j += 2) {
      const s = e[j + 1]!;
      queue.push(s);
      fail[s] = r === 0 ? 0 : step(fail[r]!, e[j]!);
      for (const ri of out[fail[s]!]!) if (!out[s]!.includes(ri)) out[s]!.push(ri);
    }
  }
  // States renumbered so that those where a keyword ends come next to last and those reached by an operator last
  // (ROOT_OP among them): the inner loop tests `s < firstOut` instead of reading a flag. The root stays 0. 256
  // columns, case folding built in: one table read per character.
  const id = new Int32Array(n);
  let next = 0;
  for (const s of queue) if (out[s]!.length === 0 && !viaOp[s]) id[s] = next++;
  const firstOut = next;
  for (const s of queue) if (out[s]!.length > 0 && !viaOp[s]) id[s] = next++;
  const firstOp = next;
  for (const s of queue) if (viaOp[s]) id[s] = next++;
  const rootOp = next++;
  const g = next < 0x10000 ? new Uint16Array(next << 8) : new Int32Array(next << 8);
  // In breadth-first order each row is its failure state's finished row (one native copy; the root's is all 0)
  // with its own edges written over it, upper case (FOLD) and non-ASCII (column 0, FOLD) included.
  for (const s of queue) {
    const base = id[s]! << 8;
    if (s !== 0) g.copyWithin(base, id[fail[s]!]! << 8, (id[fail[s]!]! << 8) + 256);
    const e = edges[s]!;
    for (let j = 0; j < e.length; j += 2) {
      const c = e[j]!;
      const t = id[e[j + 1]!]!;
      g[base + c] = t;
      if (c >= 97 && c <= 122) g[base + c - 32] = t;
      if (c === 0) g.fill(t, base + 128, base + 256);
    }
  }
  // An operator that leads back to the root leads to its twin instead; the twin's row is the root's.
  for (let base = 0; base < g.length; base += 256) for (const c of OPS) if (g[base + c] === 0) g[base + c] = rootOp;
  g.copyWithin(rootOp << 8, 0, 256);
  const renumbered: number[][] = [];
  for (const s of queue) renumbered[id[s]!] = out[s]!;
  renumbered[rootOp] = [];
  return { goto: g, firstOut, firstOp, out: renumbered };
}

export class KeywordIndex {
  private readonly goto: Uint16Array | Int32Array;
  private readonly out: number[][];
  private readonly firstOut: number;
  private readonly firstOp: number;

  /** back/reach: per rule, how far before / after a keyword's end its match may start / end. */
  constructor(
    automaton: KeywordAutomaton,
    private readonly ruleCount: number,
    private readonly back: Int32Array,
    private readonly reach: Int32Array,
    /** The longest keyword: the automaton's state at any offset depends only on this many bytes before it. */
    private readonly depth: number,
  ) {
    this.goto = automaton.goto;
    this.out = automaton.out;
    this.firstOut = automaton.firstOut;
    this.firstOp = automaton.firstOp;
    this.found = new Array<number[] | undefined>(ruleCount).fill(undefined);
  }

  /** The windows windowsInBytes returns, valid until its next call. */
  private readonly found: (number[] | undefined)[];

  /** Offsets and states of the pass's stops (a keyword's end or an operator), reused across calls: two ints each. */
  private stops = new Int32Array(0);

  /**
   * One pass over a text's latin1 bytes (one byte per character; a typed-array read is about twice as fast as
   * charCodeAt); per rule (sparse array by rule index) the windows where its match may start, as flat [start, end)
   * pairs in ascending order, merged when closer than the rule's reach. `b64`, when given, receives the base64
   * candidates decode.ts looks for (`[:=>\n][ \t]*["'`]?` then 16 base64 characters), as [operator offset, value
   * offset] pairs in order. The array returned is this index's own, valid until the next call.
   */
  windowsInBytes(text: Uint8Array, b64: number[] | undefined): (number[] | undefined)[] {
    // One array for every call (a fresh one per file and decoded value was half of what the scan allocated):
    // the rules the last call set are cleared.
    const found = this.found;
    found.fill(undefined);
    const n = text.length;
    if (this.stops.length < 2 * n) this.stops = new Int32Array(Math.max(2 * n, 2 * this.stops.length, 1 << 16));
    const stops = this.stops;
    const [end1, start2, end2] = this.pass(text, stops);
    this.collect(text, 0, end1, found, b64);
    this.collect(text, start2, end2, found, b64);
    return found;
  }

  /** The windows (and base64 candidates) of the stops from `from` to `to` in this.stops, added to `found`. */
  private collect(text: Uint8Array, from: number, to: number, found: (number[] | undefined)[], b64: number[] | undefined): void {
    const stops = this.stops;
    const firstOp = this.firstOp;
    const rootOp = this.out.length - 1;
    const back = this.back;
    const reach = this.reach;
    for (let k = from; k < to; k += 2) {
      const i = stops[k]!;
      const s = stops[k + 1]!;
      if (s >= firstOp) {
        if (b64 !== undefined) base64After(text, i, b64);
        // The root's operator twin (most often a line break) ends no keyword.
        if (s === rootOp) continue;
      }
      const end = i + 1;
      for (const ri of this.out[s]!) {
        const w = found[ri];
        const start = end - back[ri]!;
        if (w === undefined) found[ri] = [start, end];
        else if (start <= w[w.length - 1]! + reach[ri]!) w[w.length - 1] = end;
        else w.push(start, end);
      }
    }
  }

  /**
   * The automaton over `text`, noting each stop in `stops`. A table walk is one chain of dependent loads (each
   * state is read from the one before), so the text is walked as two halves in one loop: the two chains overlap in
   * the processor, about 1.4 times faster. The second half's walk starts `depth` bytes early, which is enough to
   * be in the state a single walk would be in by its first byte. Stops of the first half go from 0 to end1, of the
   * second from start2 to end2, both in ascending order of offset.
   */
  private pass(text: Uint8Array, stops: Int32Array): [number, number, number] {
    const g = this.goto;
    const firstOut = this.firstOut;
    const n = text.length;
    const mid = n < TWO_WALKS ? n : n >> 1;
    let h1 = 0;
    let h2 = 2 * mid;
    let s1 = 0;
    let s2 = 0;
    if (mid < n) for (let j = Math.max(0, mid - this.depth); j < mid; j++) s2 = g[(s2 << 8) | text[j]!]!;
    const rest = n - mid;
    let i = 0;
    for (; i < mid && i < rest; i++) {
      s1 = g[(s1 << 8) | text[i]!]!;
      s2 = g[(s2 << 8) | text[mid + i]!]!;
      if (s1 >= firstOut) {
        stops[h1++] = i;
        stops[h1++] = s1;
      }
      if (s2 >= firstOut) {
        stops[h2++] = mid + i;
        stops[h2++] = s2;
      }
    }
    for (; i < mid; i++) {
      s1 = g[(s1 << 8) | text[i]!]!;
      if (s1 >= firstOut) {
        stops[h1++] = i;
        stops[h1++] = s1;
      }
    }
    for (; i < rest; i++) {
      s2 = g[(s2 << 8) | text[mid + i]!]!;
      if (s2 >= firstOut) {
        stops[h2++] = mid + i;
        stops[h2++] = s2;
      }
    }
    return [h1, 2 * mid, h2];
  }
}

/** Texts shorter than this are walked in one piece (the second walk's lead-in would cost more than it saves). */
const TWO_WALKS = 1024;

/** The base64 start after the operator at `i`: `[ \t]*["'`]?` then a base64 value's start (isBase64Start). */
function base64After(text: Uint8Array, i: number, b64: number[]): void {
  const n = text.length;
  let j = i + 1;
  while (j < n && (text[j] === 0x20 || text[j] === 0x09)) j++;
  if (j < n && (text[j] === 0x22 || text[j] === 0x27 || text[j] === 0x60)) j++;
  if (isBase64Start(text, j)) b64.push(i, j);
}

/** Base64 characters (standard and URL-safe alphabets). */
export const B64_CHAR = new Uint8Array(256);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-') B64_CHAR[c.charCodeAt(0)] = 1;
/** Base64 of text: the first character of every 4 encodes the top 6 bits of a printable byte (or tab/CR/LF). */
export const QUAD_HEAD = new Uint8Array(256);
for (const c of 'CDIJKLMNOPQRSTUVWXYZabcdef') QUAD_HEAD[c.charCodeAt(0)] = 1;

/** At `j`, 16 characters that can begin base64 of text: `[CDI-Za-f][A-Za-z0-9+/_-]{15}`. */
export function isBase64Start(text: Uint8Array, j: number): boolean {
  if (j + 16 > text.length || QUAD_HEAD[text[j]!] !== 1) return false;
  for (let k = j + 1; k < j + 16; k++) if (B64_CHAR[text[k]!] !== 1) return false;
  return true;
}

/** ASCII lower-case; anything outside ASCII folds to 0, which no keyword contains. */
const FOLD = new Uint8Array(256);
for (let c = 0; c < 256; c++) FOLD[c] = c >= 65 && c <= 90 ? c + 32 : c < 128 ? c : 0;

function fold(c: number): number {
  return FOLD[c & 255]!;
}
