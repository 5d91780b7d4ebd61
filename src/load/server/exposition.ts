/**
 * A strict reader of the Prometheus text exposition format (0.0.4) and OpenMetrics 1.0 text.
 *
 * Why not a package: the one parser on npm (parse-prometheus-text-format, last released 2020) reads
 * HTML as "no metrics" and a line of garbage as a metric whose value is "garbage", and files
 * OpenMetrics counters (`# TYPE x counter` + `x_total`) under the wrong family. A scrape gonogo cannot
 * trust must be a gap, so any line that is not valid exposition text rejects the whole body with its
 * line number (docs/server-metrics.md).
 */

export type FamilyType = 'counter' | 'gauge' | 'histogram' | 'gaugehistogram' | 'summary' | 'info' | 'stateset' | 'untyped' | 'unknown';

export interface Sample {
  /** The sample's own name, e.g. process_cpu_seconds_total or http_request_duration_seconds_bucket. */
  name: string;
  /** The family it belongs to (its # TYPE name), or its own name when no TYPE line covers it. */
  family: string;
  type: FamilyType;
  labels: Record<string, string>;
  value: number;
}

export class ExpositionError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const TYPES = new Set<string>(['counter', 'gauge', 'histogram', 'gaugehistogram', 'summary', 'info', 'stateset', 'untyped', 'unknown']);
const SUFFIXES: Record<string, readonly string[]> = {
  counter: ['_total', '_created', ''],
  histogram: ['_bucket', '_count', '_sum', '_created', ''],
  gaugehistogram: ['_bucket', '_gcount', '_gsum', ''],
  summary: ['_count', '_sum', '_created', ''],
  info: ['_info', ''],
};

/** Every sample in `text`; throws ExpositionError on the first line that is not exposition text. */
export function parseExposition(text: string): Sample[] {
  const out: Sample[] = [];
  const types = new Map<string, FamilyType>();
  let current: { name: string; type: FamilyType } | undefined;
  let eof = false;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const n = i + 1;
    if (line.trim() === '') continue;
    if (eof) throw new ExpositionError(n, 'text after "# EOF"');
    if (line.startsWith('#')) {
      const m = /^#\s+(HELP|TYPE|UNIT|EOF)(?:\s+(\S+)(?:\s+(.*))?)?$/.exec(line);
      if (!m) continue; // a plain comment (text format allows them)
      if (m[1] === 'EOF') {
        eof = true;
        continue;
      }
      const name = m[2];
      if (name === undefined || !NAME.test(name)) throw new ExpositionError(n, `# ${m[1]} needs a metric name`);
      if (m[1] === 'TYPE') {
        const t = (m[3] ?? '').trim().toLowerCase();
        if (!TYPES.has(t)) throw new ExpositionError(n, `unknown metric type "${m[3] ?? ''}"`);
        types.set(name, t as FamilyType);
        current = { name, type: t as FamilyType };
      }
      continue;
    }
    const s = parseSampleLine(line, n);
    const fam = familyOf(s.name, current, types);
    out.push({ ...s, family: fam.name, type: fam.type });
  }
  return out;
}

function familyOf(name: string, current: { name: string; type: FamilyType } | undefined, types: Map<string, FamilyType>): { name: string; type: FamilyType } {
  if (current && belongs(name, current)) return current;
  const own = types.get(name);
  if (own) return { name, type: own };
  for (const suffix of ['_total', '_bucket', '_count', '_sum', '_created', '_info', '_gcount', '_gsum']) {
    if (!name.endsWith(suffix)) continue;
    const base = name.slice(0, -suffix.length);
    const t = types.get(base);
    if (t && belongs(name, { name: base, type: t })) return { name: base, type: t };
  }
  return { name, type: 'untyped' };
}

function belongs(name: string, fam: { name: string; type: FamilyType }): boolean {
  if (name === fam.name) return true;
  return (SUFFIXES[fam.type] ?? []).some((sfx) => sfx !== '' && name === fam.name + sfx);
}

/** `name{a="b",c="d"} value [timestamp] [# exemplar]`. */
function parseSampleLine(line: string, n: number): Omit<Sample, 'family' | 'type'> {
  let i = 0;
  while (i < line.length && isNameChar(line.charCodeAt(i), true)) i++;
  const name = line.slice(0, i);
  if (!NAME.test(name)) throw new ExpositionError(n, `expected a metric name, got ${JSON.stringify(line.slice(0, 40))}`);
  const labels: Record<string, string> = {};
  if (line[i] === '{') {
    i = parseLabels(line, i + 1, labels, n);
  }
  if (line[i] !== ' ' && line[i] !== '\t') throw new ExpositionError(n, `expected a space and a value after ${name}`);
  const rest = line.slice(i).trim();
  const hash = rest.indexOf(' # ');
  const fields = (hash >= 0 ? rest.slice(0, hash) : rest).split(/[ \t]+/);
  if (fields.length < 1 || fields.length > 2 || fields[0] === '') throw new ExpositionError(n, `expected "value [timestamp]" after ${name}`);
  const value = parseValue(fields[0]!);
  if (value === undefined) throw new ExpositionError(n, `"${fields[0]!.slice(0, 30)}" is not a number`);
  if (fields[1] !== undefined && parseValue(fields[1]) === undefined) throw new ExpositionError(n, `"${fields[1].slice(0, 30)}" is not a timestamp`);
  return { name, labels, value };
}

/** [a-zA-Z0-9_] (and ':' in metric names), by char code: this runs for every character of every scrape. */
function isNameChar(c: number, colon: boolean): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || (colon && c === 58);
}

function parseLabels(line: string, start: number, labels: Record<string, string>, n: number): number {
  let i = start;
  for (;;) {
    while (line[i] === ' ') i++;
    if (line[i] === '}') return i + 1;
    const nameStart = i;
    while (i < line.length && isNameChar(line.charCodeAt(i), false)) i++;
    const key = line.slice(nameStart, i);
    if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(key)) throw new ExpositionError(n, 'expected a label name');
    while (line[i] === ' ') i++;
    if (line[i] !== '=' || line[i + 1] !== '"') throw new ExpositionError(n, `expected ="value" after label ${key}`);
    i += 2;
    let value = '';
    for (;;) {
      const c = line[i];
      if (c === undefined) throw new ExpositionError(n, `unterminated value of label ${key}`);
      i++;
      if (c === '"') break;
      if (c === '\\') {
        const e = line[i++];
        if (e === 'n') value += '\n';
        else if (e === '\\' || e === '"') value += e;
        else throw new ExpositionError(n, `bad escape \\${e ?? ''} in label ${key}`);
      } else value += c;
    }
    labels[key] = value;
    while (line[i] === ' ') i++;
    if (line[i] === ',') i++;
    else if (line[i] !== '}') throw new ExpositionError(n, `expected , or } after label ${key}`);
  }
}

/** Go's ParseFloat, as Prometheus reads values: NaN and Inf in any case (prom-client writes "Nan"). */
function parseValue(s: string): number | undefined {
  if (/^nan$/i.test(s)) return NaN;
  const inf = /^([+-]?)inf(?:inity)?$/i.exec(s);
  if (inf) return inf[1] === '-' ? -Infinity : Infinity;
  if (!/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(s)) return undefined;
  return Number(s);
}
