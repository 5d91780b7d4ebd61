/**
 * What counts as attacker-controlled input (sources), what cleans it (sanitizers), per family.
 * Names are dotted callee/member names after import aliases are resolved (see model.ts).
 */

/** Kinds of sink a value can still be dangerous for; a sanitizer clears some of them. */
export const KIND = {
  sql: 1, cmd: 2, code: 4, path: 8, ssrf: 16, xss: 32, redirect: 64, deser: 128, ldap: 256, xpath: 512, proto: 1024, trust: 2048, regex: 4096,
} as const;
export type TaintKind = keyof typeof KIND;
export const ALL = 0x1fff;

const PY_SOURCES = [
  /^(?:flask\.|bottle\.)?request\.(?:args|form|values|json|data|cookies|headers|files|get_json|get_data|GET|POST|COOKIES|META|body|FILES|query_params|query_string|full_path|url|view_args|stream|environ|query|forms|params|match_info|path_params|path|base_url|url_root|host|referrer|user_agent|authorization|remote_user|range)\b/,
  /^(?:builtins\.)?(?:input|raw_input)$/,
  /^sys\.(?:argv|stdin)\b/,
];
const JS_SOURCES = [
  /^(?:req|request)\.(?:query|body|params|headers|cookies|signedCookies|url|originalUrl|path|hostname|files|file|get|header|param)\b/,
  /^ctx\.(?:request\.)?(?:query|body|params|headers|querystring|cookies|url|path|href)\b/,
  /^event\.(?:body|queryStringParameters|pathParameters|multiValueQueryStringParameters|headers)\b/,
  /^(?:window\.)?(?:document\.)?location\.(?:search|hash|href|pathname)\b/,
  /^document\.(?:URL|documentURI|cookie|referrer|baseURI)\b/,
  /^window\.name$/,
  /^process\.argv\b/,
  /^(?:window\.)?prompt$/,
];

/** `base` is the first segment of the name: a JS source is only a source when that name is not an import. */
export function isSource(family: 'js' | 'py', name: string, baseIsImport: boolean): boolean {
  if (!name) return false;
  if (family === 'py') return PY_SOURCES.some((re) => re.test(name));
  if (baseIsImport && !/^(?:window|document|location|process)\b/.test(name)) return false;
  return JS_SOURCES.some((re) => re.test(name));
}

const k = KIND;
/** Last name segment (or full dotted name) -> kinds it makes safe. */
const SANITIZERS: [RegExp, number][] = [
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
];

/** Kinds a call clears on its result, 0 when it is not a sanitizer. */
export function sanitizerMask(name: string): number {
  if (!name) return 0;
  let m = 0;
  for (const [re, mask] of SANITIZERS) if (re.test(name)) m |= mask;
  return m;
}

/** Calls whose result carries no taint whatever they are given. */
export function isCleanCall(name: string): boolean {
  return /^(?:len|isinstance|type|id|hasattr|callable|print|console\.\w+|logging\.\w+|logger\.\w+|typeof|Array\.isArray|Object\.keys|time\.\w+|Date\.now|datetime\.\w+|random\.\w+|secrets\.\w+|os\.urandom|crypto\.randomBytes|crypto\.randomUUID)$/.test(name);
}
