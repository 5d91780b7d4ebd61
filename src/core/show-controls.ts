/** Untrusted text (from a target or a scanned file) made safe to print: nothing can hide or reorder what follows it. */

// C0/C1 controls (but tab), bidi overrides and isolates, line/paragraph separators.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Control and bidi characters become visible `\u{..}` text, so a string cannot hide or reorder what follows it. */
export function showControls(s: string, keepNewlines = false): string {
  return s.replace(INVISIBLE, (ch) => (keepNewlines && (ch === '\n' || ch === '\r') ? ch : `\\u{${ch.charCodeAt(0).toString(16)}}`));
}
