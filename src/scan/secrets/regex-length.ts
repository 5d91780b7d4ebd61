/**
 * The longest text a regular expression can match, from its source: the matcher runs a rule's regex only in a
 * window around each keyword occurrence, and the window must hold any match that contains that keyword. Returns
 * Infinity for unbounded patterns (`*`, `+`, `{n,}`, back-references), which then get the matcher's default
 * reach. Lookarounds, anchors and `\b` match no text. Covers the syntax JavaScript regexes use without the `v` flag.
 * One loop over character codes with an explicit group stack: it runs once per rule at start-up, before any of it
 * is optimised, where a recursive parser cost 90 ms for the built-in rules.
 */
export function maxMatchLength(src: string): number {
  // Per open group: the longest finished alternative, the current alternative's length, and whether it is a lookaround.
  const best: number[] = [0];
  const cur: number[] = [0];
  const zero: boolean[] = [false];
  const n = src.length;
  let i = 0;
  while (i < n) {
    const c = src.charCodeAt(i);
    let atom: number;
    if (c === 0x28) {
      // "(": a group, a lookaround (zero width) or a named group
      let z = false;
      i++;
      if (src.charCodeAt(i) === 0x3f) {
        const c1 = src.charCodeAt(i + 1);
        const c2 = src.charCodeAt(i + 2);
        if (c1 === 0x3d || c1 === 0x21) [z, i] = [true, i + 2];
        else if (c1 === 0x3c && (c2 === 0x3d || c2 === 0x21)) [z, i] = [true, i + 3];
        else if (c1 === 0x3c) i = src.indexOf('>', i) + 1;
        else if (c1 === 0x3a) i += 2;
        else return Infinity;
      }
      best.push(0);
      cur.push(0);
      zero.push(z);
      continue;
    }
    if (c === 0x7c) {
      // "|"
      const d = best.length - 1;
      best[d] = Math.max(best[d]!, cur[d]!);
      cur[d] = 0;
      i++;
      continue;
    }
    if (c === 0x29) {
      // ")"
      if (best.length === 1) return Infinity;
      const b = Math.max(best.pop()!, cur.pop()!);
      atom = zero.pop()! ? 0 : b;
      i++;
    } else if (c === 0x5b) {
      // "[...]": one character
      i++;
      if (src.charCodeAt(i) === 0x5e) i++;
      if (src.charCodeAt(i) === 0x5d) i++;
      while (i < n && src.charCodeAt(i) !== 0x5d) i += src.charCodeAt(i) === 0x5c ? 2 : 1;
      i++;
      atom = 1;
    } else if (c === 0x5c) {
      // an escape
      const e = src.charCodeAt(i + 1);
      i += 2;
      if (e === 0x62 || e === 0x42) atom = 0; // \b \B
      else if ((e >= 0x31 && e <= 0x39) || e === 0x6b) return Infinity; // back-reference
      else {
        if (e === 0x78) i += 2; // \xHH
        else if (e === 0x75) i += src.charCodeAt(i) === 0x7b ? src.indexOf('}', i) - i + 1 : 4; // \uHHHH, \u{...}
        else if (e === 0x63) i += 1; // \cX
        atom = 1;
      }
    } else {
      i++;
      atom = c === 0x5e || c === 0x24 ? 0 : 1; // ^ $
    }
    let max = 1;
    let quantified = true;
    const q = src.charCodeAt(i);
    if (q === 0x2a || q === 0x2b) [max, i] = [Infinity, i + 1];
    else if (q === 0x3f) i++;
    else if (q === 0x7b) {
      BRACES.lastIndex = i;
      const m = BRACES.exec(src);
      if (m) {
        i += m[0].length;
        max = m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3]);
      } else quantified = false; // a literal "{"
    } else quantified = false;
    if (quantified && src.charCodeAt(i) === 0x3f) i++; // lazy
    cur[cur.length - 1]! += atom === 0 ? 0 : atom * max;
  }
  return best.length === 1 ? Math.max(best[0]!, cur[0]!) : Infinity;
}

const BRACES = /\{(\d+)(,(\d*))?\}/y;
