/**
 * The forms a value may hide an attack in: as sent, URL-decoded (once and twice), JSON/JS unicode
 * escapes, HTML character references, SQL inline comments, and base64 tokens that decode to text.
 * Every variant is lower-cased; the rules are written in lower case.
 */
export function variants(value: string): string[] {
  let v = value.length > MAX_INSPECTED ? value.slice(0, MAX_INSPECTED) : value;
  const cased = [v];
  for (let i = 0; i < 3 && v.includes('%'); i++) {
    const d = percentDecode(v);
    if (d === v) break;
    cased.push((v = d));
  }
  const out = new Set<string>();
  for (const s of cased) {
    add(out, s);
    // base64 is case-sensitive: decode from the original casing.
    for (const b of base64Texts(s)) add(out, b);
  }
  return [...out];
}

/** Values longer than this are inspected up to this length (bounds the work per request). */
export const MAX_INSPECTED = 16 * 1024;

function add(out: Set<string>, s: string): void {
  const lower = s.toLowerCase();
  out.add(lower);
  if (lower.includes('\\u') || lower.includes('\\x')) out.add(unescapeJs(lower));
  if (lower.includes('&')) out.add(decodeEntities(lower));
  if (lower.includes('/*')) out.add(lower.replace(/\/\*[\s\S]{0,200}?\*\//g, ' '));
}

/** decodeURIComponent that keeps going past malformed sequences instead of throwing. */
export function percentDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s.replace(/%([0-9a-fA-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
  }
}

function unescapeJs(s: string): string {
  return s.replace(/\\u([0-9a-f]{4})|\\x([0-9a-f]{2})/g, (_m, u?: string, x?: string) => String.fromCharCode(parseInt((u ?? x)!, 16)));
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&', sol: '/', colon: ':', lpar: '(', rpar: ')', tab: '\t', newline: '\n' };

function decodeEntities(s: string): string {
  return s.replace(/&(?:#x([0-9a-f]{1,6})|#(\d{1,7})|([a-z]{2,8}));?/g, (m, hex?: string, dec?: string, name?: string) => {
    if (hex !== undefined) return String.fromCodePoint(Math.min(parseInt(hex, 16), 0x10ffff));
    if (dec !== undefined) return String.fromCodePoint(Math.min(parseInt(dec, 10), 0x10ffff));
    return NAMED[name!] ?? m;
  });
}

const B64_TOKEN = /[A-Za-z0-9+/_-]{8,}={0,2}/g;

/** Tokens that look like base64 (mixed case or digits) and decode to printable ASCII. */
function base64Texts(s: string): string[] {
  const found: string[] = [];
  for (const m of s.matchAll(B64_TOKEN)) {
    for (const token of m[0].includes('/') ? [m[0], ...m[0].split('/')] : [m[0]]) {
      if (token.length < 8) continue;
      const text = decodePrintable(token);
      if (text !== undefined) found.push(text);
    }
  }
  return found;
}

function decodePrintable(token: string): string | undefined {
  const buf = Buffer.from(token, token.includes('-') || token.includes('_') ? 'base64url' : 'base64');
  if (buf.length < 4) return undefined;
  for (const b of buf) if ((b < 0x20 || b > 0x7e) && b !== 0x09 && b !== 0x0a && b !== 0x0d) return undefined;
  return buf.toString('latin1');
}
