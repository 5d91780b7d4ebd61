import type { Severity } from '../../core/result.js';
import { registerVendorForm } from './vendor-names.js';

/**
 * One secret-detection rule: data plus an optional check, one vendor per file under rules/ (gitleaks' layout).
 * Every rule carries its own true-positive and false-positive samples; test/scan/secrets/rules.test.ts runs them
 * all through the real engine. Samples use `{cs:N}` placeholders (see sample-text.ts) so no secret-shaped literal
 * sits in our own sources.
 */
export interface SecretRule {
  /** Full id as findings carry it, e.g. "secrets.github-pat". */
  readonly id: string;
  readonly title: string;
  /** Lower-case strings one of which must occur (case-insensitively) in a text before the regex runs. */
  readonly keywords: readonly string[];
  /** The secret is the named group `secret`, else group 1, else the whole match. Compiled with flags "gm". */
  readonly regex: RegExp;
  /** Minimum Shannon entropy (bits per character) of the secret. */
  readonly entropy?: number;
  /** Character-class gate: every pattern must occur in the secret (e.g. /\d/: at least one digit). */
  readonly charset?: readonly RegExp[];
  readonly severity: Severity;
  readonly cwe: 'CWE-798';
  readonly remediation: string;
  /** 'strict' drops any value that looks like a placeholder or code (generic rules); 'light' only obvious ones. */
  readonly placeholders: 'strict' | 'light';
  /** Extra check on the secret (a JWT header that decodes, a checksum, ...). */
  readonly validate?: (secret: string) => boolean;
  readonly samples: { readonly tp: readonly string[]; readonly fp: readonly string[] };
}

export interface RuleInput {
  /** Without the "secrets." prefix. */
  id: string;
  title: string;
  keywords: string[];
  regex: RegExp | string;
  entropy?: number;
  charset?: RegExp[];
  severity?: Severity;
  remediation?: string;
  placeholders?: 'strict' | 'light';
  validate?: (secret: string) => boolean;
  tp: string[];
  fp?: string[];
}

const DEFAULT_REMEDIATION = 'Revoke and rotate this credential at the provider, then load it from the environment or a secret manager instead of the source.';

export function rule(r: RuleInput): SecretRule {
  const regex = typeof r.regex === 'string' ? new RegExp(r.regex, 'gm') : new RegExp(r.regex.source, withFlags(r.regex.flags));
  // The charset gate runs with the rule's own check, where the engine accepts a match (matcher.passesGates).
  const charset = r.charset ? Object.freeze([...r.charset]) : undefined;
  const own = r.validate;
  const validate = charset ? (s: string) => charset.every((c) => c.test(s)) && (own ? own(s) : true) : own;
  return Object.freeze({
    id: `secrets.${r.id}`,
    title: r.title,
    keywords: Object.freeze(r.keywords.map((k) => k.toLowerCase())),
    regex,
    ...(r.entropy !== undefined ? { entropy: r.entropy } : {}),
    severity: r.severity ?? 'high',
    cwe: 'CWE-798' as const,
    remediation: r.remediation ?? DEFAULT_REMEDIATION,
    placeholders: r.placeholders ?? 'light',
    ...(charset ? { charset } : {}),
    ...(validate ? { validate } : {}),
    samples: Object.freeze({ tp: Object.freeze([...r.tp]), fp: Object.freeze([...(r.fp ?? [])]) }),
  });
}

function withFlags(flags: string): string {
  let f = flags;
  for (const need of ['g', 'm']) if (!f.includes(need)) f += need;
  return f;
}

/** Characters that may not touch a token on either side (so "xghp_..." or "..._ab" do not match). */
const NOT_TOKEN = 'A-Za-z0-9_';

/** A token with a fixed prefix: `(?<!word)(prefix body)(?!word)`; the whole token is the secret. */
export function prefixed(prefix: string, body: string, after = NOT_TOKEN): string {
  return `(?<![${NOT_TOKEN}])(${prefix}${body})(?![${after}])`;
}

/**
 * A secret without a prefix of its own, recognised by the name it is assigned to (gitleaks' semi-generic form):
 * `TWILIO_AUTH_TOKEN=...`, `"twilio_token": "..."`, `twilio.authToken = '...'`, `twilio_key: ...`.
 * Identifiers match case-insensitively; the secret pattern keeps its case.
 */
export function assigned(identifiers: string[], secret: string): string {
  registerVendorForm(identifiers, secret);
  const ids = identifiers.map(caseless).join('|');
  // The name starts a word or a camelCase part (myStripeKey), never the inside of one ("etsy" in SetSysctl), and
  // ends one: "sumO" in sumObj is not "sumo". Checked behind the name, so the regex still starts with a literal
  // that V8 scans for quickly (a leading lookaround halves the engine's throughput).
  return `(?:${ids})(?<!(?:[A-Z]|[a-z](?=[a-z]))(?:${ids}))(?:(?<![A-Z])|(?![a-z]))[\\w.-]{0,25}?${ASSIGN_OP}(${secret})(?=[\\s'"\`;,)\\]}<]|\\\\[nrt]|$)`;
}

/**
 * What may stand between a name and its value, in the syntaxes real code uses: an optional type (Go
 * `var fooToken string = "..."`, Kotlin `val fooToken: String = "..."`), closing quotes or a bracket, then an
 * operator: `=` `:=` (Go) `::=` `:::=` `?=` `+=` (Makefile) `.=` (PHP) `:` `=>` `,` (setProperty("FOO", "...")),
 * `||`, or the end of an XML start tag with the value on the same or its own line (`<fooToken>\n  value\n</...>`).
 */
export const ASSIGN_OP = `(?:[ \\t]{1,40}[A-Za-z][\\w.*]{0,20}|[ \\t]{0,40}:[ \\t]{0,40}[A-Z][\\w.]{0,20}\\??)?[\\s'"\`\\]]{0,3}(?:(?::::=|::=|:=|\\?=|\\+=|\\.=|=>|=|::|:|,|\\|\\|)[\\s'"\`=]{0,5}|>\\s{0,80})`;

/** "aws" -> "[aA][wW][sS]" so one identifier matches in any case without a global i flag. */
export function caseless(s: string): string {
  return s.replace(/[a-z]/gi, (c) => `[${c.toLowerCase()}${c.toUpperCase()}]`).replace(/[-_]/g, '[-_.]?');
}

export const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
