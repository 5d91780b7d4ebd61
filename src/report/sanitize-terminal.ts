/**
 * Make untrusted text (finding messages, evidence, URLs and paths from a target or a scanned
 * file) safe to print on a terminal. A scanned file or an HTTP response can carry ESC/CSI/OSC
 * sequences that recolour, hide or rewrite what the user sees, or bidi overrides that reorder
 * it ("Trojan Source"). We show them escaped (`\x1b`, `\u202e`) rather than silently dropping
 * them, so the reader can tell something odd was there. Line breaks and tabs become one space
 * because every caller prints a single line.
 */
export function sanitizeForTerminal(text: string): string {
  let out = '';
  let prev = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp === 0x0a && prev === 0x0d) continue; // CRLF is one line break, so one space
    prev = cp;
    if (isLineSpace(cp)) out += ' ';
    else if (isUnsafe(cp)) out += escapeCodePoint(cp);
    else out += ch;
  }
  return out;
}

function isLineSpace(cp: number): boolean {
  return cp === 0x09 || cp === 0x0a || cp === 0x0d || cp === 0x2028 || cp === 0x2029;
}

function isUnsafe(cp: number): boolean {
  return (
    cp < 0x20 || // C0 controls, including ESC (0x1b)
    (cp >= 0x7f && cp <= 0x9f) || // DEL and C1 controls (0x9b is a one-byte CSI)
    cp === 0x061c || cp === 0x200e || cp === 0x200f || // bidi marks
    (cp >= 0x202a && cp <= 0x202e) || // bidi embeddings and overrides
    (cp >= 0x2066 && cp <= 0x2069) || // bidi isolates
    (cp >= 0xd800 && cp <= 0xdfff) // lone surrogates: not printable text
  );
}

function escapeCodePoint(cp: number): string {
  return cp <= 0xff ? `\\x${cp.toString(16).padStart(2, '0')}` : `\\u${cp.toString(16).padStart(4, '0')}`;
}
