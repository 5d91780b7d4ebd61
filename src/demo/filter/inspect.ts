import { variants } from './normalize.js';
import type { FilterRule, Scope } from './rule.js';
import { FILTER_RULES } from './rules/index.js';

export interface FilterHit {
  rule: string;
  title: string;
  /** Where the value was: "path", "query q", "header user-agent", "cookie sid", "body task". */
  where: string;
}

// Values made only of these characters carry no rule's payload unless they are base64.
const PLAIN = /^[A-Za-z0-9_.,:@~-]*$/;
const B64_HINT = /[A-Za-z0-9+/_-]{8,}/;

// Paths, header values and query values repeat from request to request: remember short ones.
const CACHE_MAX = 4096;
const CACHE_VALUE_MAX = 256;
const cache = new Map<string, FilterRule | null>();

/** The first rule one value trips, if any. Pure apart from the memo: the pipeline calls it per value. */
export function inspectValue(value: string, scope: Scope, rules: readonly FilterRule[] = FILTER_RULES): FilterRule | undefined {
  if (value.length === 0 || (PLAIN.test(value) && !value.includes('..') && !looksBase64(value))) return undefined;
  const memo = rules === FILTER_RULES && value.length <= CACHE_VALUE_MAX;
  const key = memo ? scope + value : '';
  if (memo) {
    const known = cache.get(key);
    if (known !== undefined) return known ?? undefined;
  }
  const found = match(value, scope, rules);
  if (memo) {
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(key, found ?? null);
  }
  return found;
}

function looksBase64(value: string): boolean {
  return B64_HINT.test(value) && /[A-Z0-9]/.test(value) && /[a-z]/.test(value);
}

function match(value: string, scope: Scope, rules: readonly FilterRule[]): FilterRule | undefined {
  const forms = variants(value);
  for (const rule of rules) {
    if (rule.scopes && !rule.scopes.includes(scope)) continue;
    for (const form of forms) {
      for (const re of rule.patterns) if (re.test(form)) return rule;
    }
  }
  return undefined;
}

// Headers whose values the server itself parses strictly or that clients cannot choose freely.
const SKIP_HEADERS = new Set(['host', 'content-length', 'connection', 'accept-encoding', 'content-type', 'accept', 'transfer-encoding', 'keep-alive']);

export interface RequestParts {
  path: string;
  rawQuery: string;
  headers: Record<string, string | string[] | undefined>;
}

/** Inspect path, query (keys and values), headers and cookies. */
export function inspectRequestHead(p: RequestParts): FilterHit | undefined {
  const hit = (rule: FilterRule | undefined, where: string): FilterHit | undefined => (rule ? { rule: rule.id, title: rule.title, where } : undefined);
  let h = hit(inspectValue(p.path, 'url'), 'path');
  if (h) return h;
  if (p.rawQuery !== '') {
    h = hit(inspectValue(p.rawQuery, 'url'), 'query');
    if (h) return h;
    for (const [k, v] of new URLSearchParams(p.rawQuery)) {
      h = hit(inspectValue(k, 'url'), `query ${k}`) ?? hit(inspectValue(v, 'url'), `query ${k}`);
      if (h) return h;
    }
  }
  for (const name in p.headers) {
    if (SKIP_HEADERS.has(name)) continue;
    const raw = p.headers[name];
    const values = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
    for (const v of values) {
      if (name === 'authorization' && /^Bearer [A-Za-z0-9._-]+$/.test(v)) continue; // a token: verified by the auth layer
      if (name === 'cookie') {
        h = inspectCookies(v);
      } else {
        h = hit(inspectValue(v, 'header'), `header ${name}`);
      }
      if (h) return h;
    }
  }
  return undefined;
}

function inspectCookies(header: string): FilterHit | undefined {
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    const name = (eq < 0 ? pair : pair.slice(0, eq)).trim();
    const value = eq < 0 ? '' : pair.slice(eq + 1).trim();
    const rule = inspectValue(name, 'header') ?? inspectValue(value, 'header');
    if (rule) return { rule: rule.id, title: rule.title, where: `cookie ${name}` };
  }
  return undefined;
}

/** Inspect a parsed body: every key and string value of JSON or form data, or the text itself. */
export function inspectBody(value: unknown, raw: string, form = false): FilterHit | undefined {
  let found: FilterHit | undefined;
  let budget = 10_000; // values inspected at most: a huge JSON document is capped, not walked forever
  const walk = (v: unknown, where: string): void => {
    if (found || budget-- <= 0) return;
    if (typeof v === 'string') {
      const rule = inspectValue(v, 'body');
      if (rule) found = { rule: rule.id, title: rule.title, where };
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length && !found; i++) walk(v[i], `${where}[${i}]`);
    } else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        const rule = inspectValue(k, 'body');
        if (rule) {
          found = { rule: rule.id, title: rule.title, where: `body key ${k}` };
          return;
        }
        walk(x, where === 'body' ? `body ${k}` : `${where}.${k}`);
        if (found) return;
      }
    }
  };
  walk(value, 'body');
  // A form body is also checked whole: '&' splits fields, and an attack may contain one (LDAP "(&(...))").
  if (!found && form && raw.length > 0) walk(raw, 'body');
  return found;
}
