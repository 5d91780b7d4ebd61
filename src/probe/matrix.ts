import attacksData from './payloads/attacks.json' with { type: 'json' };
import benignData from './payloads/benign.json' with { type: 'json' };

/** The waf.matrix request plan: pure data (payload × encoding × placement), built without I/O. */
export const ENCODINGS = ['plain', 'mixed-case', 'url', 'double-url', 'base64', 'json-unicode'] as const;
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

/** Letters in alternating case (<ScRiPt>, UnIoN SeLeCt): catches rules that match one case only. */
function mixedCase(s: string): string {
  let upper = false;
  return [...s]
    .map((ch) => {
      if (!/[a-z]/i.test(ch)) return ch;
      upper = !upper;
      return upper ? ch.toUpperCase() : ch.toLowerCase();
    })
    .join('');
}

export function encode(payload: string, encoding: Encoding): string {
  switch (encoding) {
    case 'plain':
      return payload;
    case 'mixed-case':
      return mixedCase(payload);
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

/**
 * The cases to send when the budget cannot fit them all: every category x encoding cell first (placements
 * rotated across cells), then further rounds, and the benign corpus in proportion (at least a dozen).
 * Returns the cells that got no case at all, so the evidence can say what was not covered.
 */
export function sampleCases(all: readonly MatrixCase[], room: number): { cases: MatrixCase[]; missingCells: string[] } {
  if (all.length <= room) return { cases: [...all], missingCells: [] };
  const attacks = all.filter((c) => c.kind === 'attack');
  const benign = all.filter((c) => c.kind === 'benign');
  const benignShare = Math.min(benign.length, Math.max(Math.round((room * benign.length) / all.length), Math.min(12, Math.floor(room / 6))));
  const pick = (list: readonly MatrixCase[], key: (c: MatrixCase) => string, n: number) => {
    const groups = [...groupBy(list, key).values()];
    const out: MatrixCase[] = [];
    for (let round = 0; out.length < n && round < Math.max(...groups.map((g) => g.length)); round++) {
      for (const [gi, g] of groups.entries()) {
        if (out.length >= n) break;
        if (round < g.length) out.push(g[(round + gi) % g.length]!);
      }
    }
    return out;
  };
  const cases = [...pick(attacks, cellOf, room - benignShare), ...pick(benign, (c) => c.placement, benignShare)];
  const covered = new Set(cases.map(cellOf));
  const missingCells = [...new Set(attacks.map(cellOf))].filter((c) => !covered.has(c));
  return { cases, missingCells };
}

/** "sqli/base64": the unit the grade is explained in. */
export function cellOf(c: MatrixCase): string {
  return `${c.category}/${c.encoding}`;
}

/** Items grouped by key, in first-seen order. */
export function groupBy<T>(list: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of list) m.set(key(x), [...(m.get(key(x)) ?? []), x]);
  return m;
}

/** What it takes to reach the next better grade, or why this one: for the evidence. */
export function gradeReason(grade: ReturnType<typeof matrixGrade>, blockedPct: number, benignPct: number): string {
  const steps: [string, number, number][] = [['A', 95, 98], ['B', 85, 95], ['C', 70, 90], ['D', 50, 80]];
  if (grade === 'A') return 'A needs ≥ 95 % of attacks blocked and ≥ 98 % of benign requests passed';
  const next = steps[steps.findIndex(([g]) => g === grade) - 1] ?? steps[steps.length - 1]!;
  const gaps = [blockedPct < next[1] ? `${blockedPct.toFixed(1)} % of attacks blocked, ${next[0]} needs ≥ ${next[1]} %` : '', benignPct < next[2] ? `${benignPct.toFixed(1)} % of benign requests passed, ${next[0]} needs ≥ ${next[2]} %` : ''].filter(Boolean);
  return gaps.join('; ');
}

/** Quote for a POSIX shell: '…' normally, $'…' when there are control characters. */
function shellQuote(s: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what needs the $'…' quoting
  if (/[\x00-\x1f\x7f]/.test(s)) return `$'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/[\x00-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)}'`;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** A curl command that replays the planned request byte for byte (no path normalisation, no globbing). */
export function curlLine(origin: string, p: PlannedRequest): string {
  const parts = ['curl', '-sS', '-o', '/dev/null', '-w', "'%{http_code}\\n'", '--path-as-is', '-g'];
  if (p.method !== 'GET') parts.push('-X', p.method);
  for (const [k, v] of Object.entries(p.headers)) parts.push('-H', shellQuote(`${k}: ${v}`));
  if (p.body !== undefined) parts.push('--data-binary', shellQuote(p.body));
  parts.push(shellQuote(`${origin}${p.target}`));
  return parts.join(' ');
}

/** Letter grade from the share of attacks blocked and benign requests let through. */
export function matrixGrade(blockedPct: number, benignPct: number): 'A' | 'B' | 'C' | 'D' | 'F' {
  if (blockedPct >= 95 && benignPct >= 98) return 'A';
  if (blockedPct >= 85 && benignPct >= 95) return 'B';
  if (blockedPct >= 70 && benignPct >= 90) return 'C';
  if (blockedPct >= 50 && benignPct >= 80) return 'D';
  return 'F';
}
