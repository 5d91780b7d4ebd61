/**
 * Sources: what counts as attacker-controlled input, per family. Names are dotted callee/member names
 * after import aliases are resolved (see model.ts); a name matching one of these patterns carries every
 * kind of taint (ALL in taint-kinds.ts).
 */

/** Python: Flask/Bottle/Django/Starlette request fields, input(), argv/stdin. */
export const PY_SOURCES: readonly RegExp[] = [
  /^(?:flask\.|bottle\.)?request\.(?:args|form|values|json|data|cookies|headers|files|get_json|get_data|GET|POST|COOKIES|META|body|FILES|query_params|query_string|full_path|url|view_args|stream|environ|query|forms|params|match_info|path_params|path|base_url|url_root|host|referrer|user_agent|authorization|remote_user|range)\b/,
  /^(?:builtins\.)?(?:input|raw_input)$/,
  /^sys\.(?:argv|stdin)\b/,
];

/** JavaScript/TypeScript: Express/Koa/Lambda request fields, the browser's location and document, argv. */
export const JS_SOURCES: readonly RegExp[] = [
  /^(?:req|request)\.(?:query|body|params|headers|cookies|signedCookies|url|originalUrl|path|hostname|files|file|get|header|param)\b/,
  /^ctx\.(?:request\.)?(?:query|body|params|headers|querystring|cookies|url|path|href)\b/,
  /^event\.(?:body|queryStringParameters|pathParameters|multiValueQueryStringParameters|headers)\b/,
  /^(?:window\.)?(?:document\.)?location\.(?:search|hash|href|pathname)\b/,
  /^document\.(?:URL|documentURI|cookie|referrer|baseURI)\b/,
  /^window\.name$/,
  /^process\.argv\b/,
  /^(?:window\.)?prompt$/,
];

/** Browser/process globals stay sources even when a module of the same first name is imported. */
const JS_GLOBAL_BASES = /^(?:window|document|location|process)\b/;

/**
 * Is `name` a source? `baseIsImport`: the name's first segment is an imported module (JS only), as in
 * `const request = require('request')`, whose members are an HTTP client, not request data.
 */
export function isSource(family: 'js' | 'py', name: string, baseIsImport: boolean): boolean {
  if (!name) return false;
  if (family === 'py') return PY_SOURCES.some((re) => re.test(name));
  if (baseIsImport && !JS_GLOBAL_BASES.test(name)) return false;
  return JS_SOURCES.some((re) => re.test(name));
}
