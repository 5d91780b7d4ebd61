import type { CallInfo } from './model.js';
import type { SyntaxNode } from './parser.js';
import { ALL, KIND as k } from './taint-kinds.js';

/**
 * Sanitizers: calls whose result is safe for some kinds of sink, calls whose result carries no taint at
 * all, and the validation checks that make an early-return guard clean a variable (see taint-scopes.ts).
 */

/** Last name segment (or full dotted name, or a module's name for its local alias) -> kinds it makes safe. */
export const SANITIZERS: readonly (readonly [RegExp, number])[] = [
  // Turning input into a number, a boolean or a hash leaves nothing to inject.
  [/^(?:int|float|bool|len|abs|round|ord|hash|id|parseInt|parseFloat|Number|Boolean|isNaN|isFinite|Math\..*|uuid\.UUID|uuid\.uuid4|hashlib\..*|crypto\.createHash.*|.*\.hexdigest|.*\.digest|encodeURIComponent|quote_plus|.*\.isdigit|.*\.isnumeric|.*\.isalnum|.*\.startswith|.*\.endswith|.*\.includes|.*\.startsWith|.*\.endsWith|.*\.test|.*\.count|.*\.indexOf|.*\.find|.*\.exists|.*\.isfile|.*\.isdir)$/, ALL],
  [/(?:^|\.)(?:escape|escape_for_html|escapeHtml|escape_html|escapeHTML|htmlEscape|sanitize|sanitizeHtml|sanitize_html|clean|filterXSS|encodeForHTML|conditional_escape|strip_tags|textContent)$/, k.xss],
  [/^(?:escape-html|html-escaper|he|xss|sanitize-html|dompurify|isomorphic-dompurify)$/, k.xss],
  [/^(?:escape-string-regexp|lodash\.escaperegexp)$/, k.regex],
  [/^(?:html|markupsafe|bleach|flask|jinja2|django\.utils\.html|DOMPurify|validator|he|xss|lodash|_|cgi)\..*(?:escape|clean|sanitize|encode)/, k.xss],
  [/(?:^|\.)(?:quote|shlex\.quote|pipes\.quote|shellescape|shellEscape|escapeShellArg)$/, k.cmd | k.xss],
  [/(?:^|\.)(?:basename|secure_filename|sanitizeFilename|sanitize_filename|normalize_path_safe)$/, k.path | k.cmd],
  [/(?:^|\.)(?:escape_filter_chars|escape_dn_chars|escape_rdn|escapeLDAP|escapeFilter)$/, k.ldap],
  [/(?:^|\.)(?:url_for|reverse|resolve_url|url_has_allowed_host_and_scheme|is_safe_url)$/, k.redirect | k.ssrf],
  [/(?:^|\.)(?:escapeId|sqlstring\.escape|mysql\.escape|pg\.escapeLiteral|escapeLiteral|escapeIdentifier)$/, k.sql],
  [/^(?:re\.escape|_\.escapeRegExp|escapeRegExp|escape_string_regexp|escapeStringRegexp)$/, k.regex],
  [/^(?:json\.dumps|JSON\.stringify)$/, k.code | k.cmd | k.path],
  // Template engines that escape by default: their HTML output carries no injected markup (render_template_string does not count).
  [/^(?:django\.template\.loader\.render_to_string|django\.shortcuts\.render_to_string|flask\.render_template)$/, k.xss],
];

/** Kinds a call clears on its result, 0 when it is not a sanitizer. */
export function sanitizerMask(name: string): number {
  if (!name) return 0;
  let m = 0;
  for (const [re, mask] of SANITIZERS) if (re.test(name)) m |= mask;
  return m;
}

/** Calls whose result carries no taint whatever they are given. */
export const CLEAN_CALLS = /^(?:len|isinstance|type|id|hasattr|callable|print|console\.\w+|logging\.\w+|logger\.\w+|typeof|Array\.isArray|Object\.keys|time\.\w+|Date\.now|datetime\.\w+|random\.\w+|secrets\.\w+|os\.urandom|crypto\.randomBytes|crypto\.randomUUID)$/;

export function isCleanCall(name: string): boolean {
  return CLEAN_CALLS.test(name);
}

/**
 * Validation methods that, negated in an early-return guard (`if not x.isalnum(): return`), leave the
 * checked value holding only what they allow. `test`, `includes`, `has` and `isXxx` check their first
 * argument; the others (`x.isalnum()`) check their receiver.
 */
export const GUARD_METHODS = /^(?:isalnum|isalpha|isdigit|isdecimal|isnumeric|isidentifier|test|includes|has|isValid|isInt|isUUID|isEmail|isAlphanumeric)$/;
/**
 * Validation functions, the position of the value they check and its keyword name when passed by keyword:
 * `re.fullmatch(p, x)`, `is_safe_url(x, hosts)` / `url_has_allowed_host_and_scheme(url=x, allowed_hosts=...)`.
 */
export const GUARD_FUNCTIONS: readonly (readonly [RegExp, number, string?])[] = [
  [/^re\.(?:fullmatch|match)$/, 1, 'string'],
  [/(?:^|\.)(?:url_has_allowed_host_and_scheme|is_safe_url|isSafeUrl|is_safe_redirect|isValidRedirect)$/, 0, 'url'],
  [/^(?:validator\.)?(?:isURL|isUUID|isInt|isNumeric|isAlphanumeric|isEmail)$/, 0],
];
/** A guard's last statement must leave the function: return/raise/throw, or Flask's abort(). */
export const GUARD_EXIT_STATEMENTS = /^(?:return_statement|raise_statement|throw_statement)$/;
export const GUARD_EXIT_CALLS = /^(?:abort|flask\.abort)\(/;

/** The value a guard call checks, or undefined when the call is not a validation. */
export function guardChecks(call: CallInfo): SyntaxNode | undefined {
  if (GUARD_METHODS.test(call.last)) {
    return call.last === 'test' || call.last === 'includes' || call.last === 'has' || /^is[A-Z]/.test(call.last) ? call.args[0] : call.receiver;
  }
  for (const [re, at, kw] of GUARD_FUNCTIONS) if (re.test(call.name)) return (kw ? call.kw(kw) : undefined) ?? call.args[at];
  return undefined;
}
