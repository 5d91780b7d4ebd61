import attacksData from './payloads/attacks.json' with { type: 'json' };
import benignData from './payloads/benign.json' with { type: 'json' };

/** The waf.matrix request plan: pure data (payload × encoding × placement), built without I/O. */
export const ENCODINGS = ['plain', 'url', 'double-url', 'base64', 'json-unicode'] as const;
export const PLACEMENTS = ['query', 'path', 'header', 'cookie', 'json', 'form'] as const;
export type Encoding = (typeof ENCODINGS)[number];
export type Placement = (typeof PLACEMENTS)[number];

export const ATTACKS: Readonly<Record<string, readonly string[]>> = attacksData.categories;
export const BENIGN: readonly string[] = benignData.payloads;

export interface MatrixCase {
  kind: 'attack' | 'benign';
  category: string;
  payload: string;
  encoding: Encoding;
  placement: Placement;
}

export interface PlannedRequest {
  method: string;
  /** Request target relative to the origin (path + query), sent verbatim. */
  target: string;
  headers: Record<string, string>;
  body?: string;
}

/** Every byte but letters and digits as %XX (stricter than encodeURIComponent, which leaves ' ( ) * ! raw). */
function percentAll(s: string): string {
  return [...Buffer.from(s, 'utf8')].map((b) => (/[A-Za-z0-9]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
}

export function encode(payload: string, encoding: Encoding): string {
  switch (encoding) {
    case 'plain':
      return payload;
    case 'url':
      return percentAll(payload);
    case 'double-url':
      return percentAll(percentAll(payload));
    case 'base64':
      return Buffer.from(payload, 'utf8').toString('base64');
    case 'json-unicode':
      return [...payload].map((ch) => (/[A-Za-z0-9 ]/.test(ch) ? ch : `\\u${ch.codePointAt(0)!.toString(16).padStart(4, '0')}`)).join('');
  }
}

/** Only what HTTP/1.1 itself cannot carry is escaped; everything else goes on the wire as is. */
const wireSafe = (s: string, extra: RegExp) => s.replace(extra, (c) => encodeURIComponent(c));
const TARGET_UNSAFE = /[^\x21-\x7e]|#/g;
const PATH_UNSAFE = /[^\x21-\x7e]|[#?]/g;
const HEADER_UNSAFE = /[^\t\x20-\x7e]/g;

export function buildRequest(c: MatrixCase, basePath: string): PlannedRequest {
  const value = encode(c.payload, c.encoding);
  const base = basePath.replace(/\/+$/, '');
  const marker = { 'x-gonogo-probe': `${c.kind}/${c.category}` };
  switch (c.placement) {
    case 'query':
      return { method: 'GET', target: `${base}/?q=${wireSafe(value, TARGET_UNSAFE)}`, headers: marker };
    case 'path':
      return { method: 'GET', target: `${base}/${wireSafe(value, PATH_UNSAFE)}`, headers: marker };
    case 'header':
      return { method: 'GET', target: `${base}/`, headers: { ...marker, 'user-agent': wireSafe(value, HEADER_UNSAFE) } };
    case 'cookie':
      return { method: 'GET', target: `${base}/`, headers: { ...marker, cookie: `q=${wireSafe(value, HEADER_UNSAFE)}` } };
    case 'json': {
      // json-unicode is already JSON string syntax; the others are quoted by JSON.stringify.
      const literal = c.encoding === 'json-unicode' ? `"${value.replace(/"/g, '\\"')}"` : JSON.stringify(value);
      return { method: 'POST', target: `${base}/`, headers: { ...marker, 'content-type': 'application/json' }, body: `{"q":${literal}}` };
    }
    case 'form':
      return { method: 'POST', target: `${base}/`, headers: { ...marker, 'content-type': 'application/x-www-form-urlencoded' }, body: `q=${value}` };
  }
}

/** Every attack in every encoding and placement, then the benign corpus (plain and URL-encoded) in every placement. */
export function matrixCases(): MatrixCase[] {
  const cases: MatrixCase[] = [];
  for (const [category, payloads] of Object.entries(ATTACKS)) {
    for (const payload of payloads) for (const encoding of ENCODINGS) for (const placement of PLACEMENTS) cases.push({ kind: 'attack', category, payload, encoding, placement });
  }
  for (const payload of BENIGN) for (const encoding of ['plain', 'url'] as const) for (const placement of PLACEMENTS) cases.push({ kind: 'benign', category: 'benign', payload, encoding, placement });
  return cases;
}

export interface MatrixTally {
  attacks: number;
  blocked: number;
  benign: number;
  benignPassed: number;
  errors: number;
}

/** Letter grade from the share of attacks blocked and benign requests let through. */
export function matrixGrade(blockedPct: number, benignPct: number): 'A' | 'B' | 'C' | 'D' | 'F' {
  if (blockedPct >= 95 && benignPct >= 98) return 'A';
  if (blockedPct >= 85 && benignPct >= 95) return 'B';
  if (blockedPct >= 70 && benignPct >= 90) return 'C';
  if (blockedPct >= 50 && benignPct >= 80) return 'D';
  return 'F';
}
