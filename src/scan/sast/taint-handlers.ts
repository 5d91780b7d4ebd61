import type { FileModel } from './model.js';
import { kids, type SyntaxNode } from './parser.js';
import type { Param } from './taint-functions.js';

/**
 * Framework conventions for handler parameters that carry request data (taint-functions.ts asks, per
 * parameter). Names of request fields read off a request object (`request.args`, `req.query`) are sources
 * by name in taint-sources.ts; these are the parameters a framework fills from the request itself:
 *
 * - Flask / FastAPI / Bottle / Sanic / Starlette: every parameter of a function under a route decorator
 *   (`@app.route("/u/<name>")`, `@router.get(...)`), except `self`/`cls`, the request object and
 *   dependencies (`= Depends(...)`, `= Security(...)`).
 * - Django / DRF / Pyramid / class-based views: the parameters after `request` (`def get(self, request, pk)`),
 *   the URL captures.
 * - AWS Lambda (Python and JS): `event`, when the function is a handler (`(event, context)`, or named *handler).
 * - GraphQL resolvers (graphene, Strawberry-style): the arguments after `info` of `mutate` / `resolve_<field>`
 *   (`def resolve_user(self, info, name)`), which the client sends in its query.
 * - Archive entries (zip slip): the first parameter of a listener for an archive's `entry` event
 *   (`unzip.on('entry', (entry) => ...)` in unzipper, yauzl, tar-stream): its name comes from the archive.
 * - Express / Koa / Next.js: fields destructured from the request parameter (`({ query, body }: Request, res)`),
 *   when the parameter is typed as a request, the next one is the response, or the function is passed to a
 *   route registration (`app.get(path, fn)`, `router.post(...)`).
 */

const ROUTE_DECORATOR = /^@(?:[\w.]+\.)?(?:route|get|post|put|delete|patch|head|options|api_route|websocket|view)\s*\(/;
const DEPENDENCY_DEFAULT = /^(?:fastapi\.)?(?:Depends|Security|BackgroundTasks)\s*\(/;
const REQUEST_NAMES = /^(?:request|req|_request)$/;
const SELF = /^(?:self|cls)$/;
const GRAPHQL_RESOLVER = /^(?:mutate|resolve_\w+)$/;
const LAMBDA_CONTEXT = /^_?(?:context|ctx|lambda_context)$/;
/** Request fields a JS handler may destructure from its request parameter. */
const JS_REQUEST_FIELDS = /^(?:query|body|params|headers|cookies|signedCookies|url|originalUrl|path|hostname|files|file|querystring|searchParams|nextUrl)$/;
const JS_REQUEST_TYPE = /(?:^|\.)(?:Request|NextApiRequest|NextRequest|IncomingMessage|FastifyRequest)\b/;
const JS_RESPONSE_NAMES = /^(?:res|response|reply|resp)$/;
const JS_ROUTE_CALL = /^(?:\w+\.)*(?:get|post|put|delete|patch|all|use|options|head)$/;

export function isHandlerParam(m: FileModel, fn: SyntaxNode, params: readonly Param[], p: Param, fnName: string | undefined): boolean {
  const next = params.find((q) => q.index === p.index + 1);
  // AWS Lambda: event, context.
  if (p.name === 'event' && p.key === undefined && p.index === 0 && (LAMBDA_CONTEXT.test(next?.name ?? '') || /handler$/i.test(fnName ?? ''))) return true;
  if (m.family === 'py' && GRAPHQL_RESOLVER.test(fnName ?? '')) {
    const info = params.find((q) => q.name === 'info' && q.index <= 1);
    if (info && p.index > info.index) return true;
  }
  return m.family === 'py' ? pyHandlerParam(fn, params, p) : jsHandlerParam(m, fn, params, p);
}

function pyHandlerParam(fn: SyntaxNode, params: readonly Param[], p: Param): boolean {
  if (SELF.test(p.name) || REQUEST_NAMES.test(p.name) || /(?:^|\.)Request$/.test(p.type ?? '')) return false;
  if (p.dflt && DEPENDENCY_DEFAULT.test(p.dflt.text)) return false;
  if (decorators(fn).some((d) => ROUTE_DECORATOR.test(d))) return true;
  // Django-style view: (self,) request, then the URL captures.
  const request = params.find((q) => !SELF.test(q.name));
  return request !== undefined && request.name === 'request' && p.index > request.index;
}

function jsHandlerParam(m: FileModel, fn: SyntaxNode, params: readonly Param[], p: Param): boolean {
  if (p.index === 0 && p.key === undefined && isArchiveEntryListener(m, fn)) return true;
  if (p.key === undefined || p.index !== 0 || !JS_REQUEST_FIELDS.test(p.key)) return false;
  if (p.type && JS_REQUEST_TYPE.test(p.type)) return true;
  const second = params.find((q) => q.index === 1);
  if (second && JS_RESPONSE_NAMES.test(second.name)) return true;
  // Passed straight to a route registration: app.get('/x', ({ query }) => ...).
  const args = fn.parent?.type === 'arguments' ? fn.parent : undefined;
  const call = args?.parent ? m.call(args.parent) : undefined;
  return call !== undefined && JS_ROUTE_CALL.test(call.name) && call.args.length >= 2;
}

function decorators(fn: SyntaxNode): string[] {
  const d = fn.parent?.type === 'decorated_definition' ? fn.parent : undefined;
  return d ? kids(d).filter((c) => c.type === 'decorator').map((c) => c.text) : [];
}

/**
 * Flask and friends: `request.path.split('/')[k]` (directly or through a variable assigned it once) inside a
 * function under route decorators is fixed text when segment k of every decorator's rule is literal (no
 * `<converter>` up to it): the path that reached the handler is the rule itself. `singleValue` gives the single
 * assignment of a variable (taint-scopes.ts).
 */
export function isFixedRouteSegment(m: FileModel, node: SyntaxNode, singleValue: (id: SyntaxNode) => SyntaxNode | undefined): boolean {
  const idxNode = node.childForFieldName('subscript');
  let obj = node.childForFieldName('value');
  if (!idxNode || !obj || !/^-?\d+$/.test(idxNode.text)) return false;
  if (obj.type === 'identifier') obj = singleValue(obj) ?? obj;
  const split = m.call(obj);
  if (!split || split.last !== 'split' || !split.receiver || m.stringValue(split.args[0]) !== '/') return false;
  if (!/^(?:flask\.)?request\.path$/.test(m.nameOf(split.receiver) ?? '')) return false;
  let fn: SyntaxNode | null = node.parent;
  while (fn && fn.type !== 'function_definition') fn = fn.parent;
  if (!fn) return false;
  const rules = routeRules(m, fn);
  const k = Number(idxNode.text);
  return rules.length > 0 && rules.every((rule) => {
    const segs = rule.split('/');
    const upTo = k >= 0 ? segs.slice(0, k + 1) : segs; // from the end: every segment must be literal
    return (k >= 0 ? k < segs.length : -k <= segs.length) && upTo.every((s) => !/[<{]/.test(s));
  });
}

/** The literal rules of a function's route decorators (`@app.route('/a/b')`); empty when one is not literal. */
function routeRules(m: FileModel, fn: SyntaxNode): string[] {
  const d = fn.parent?.type === 'decorated_definition' ? fn.parent : undefined;
  const out: string[] = [];
  for (const dec of d ? kids(d).filter((c) => c.type === 'decorator') : []) {
    if (!ROUTE_DECORATOR.test(dec.text)) continue;
    const call = kids(dec)[0] ? m.call(kids(dec)[0]!) : undefined;
    const rule = call ? m.stringValue(call.args[0]) : undefined;
    if (rule === undefined) return [];
    out.push(rule);
  }
  return out;
}

/** `x.on('entry', fn)`: fn receives the entries of an archive being read. */
function isArchiveEntryListener(m: FileModel, fn: SyntaxNode): boolean {
  const args = fn.parent?.type === 'arguments' ? fn.parent : undefined;
  const call = args?.parent ? m.call(args.parent) : undefined;
  return call !== undefined && call.last === 'on' && call.args[1]?.id === fn.id && /^['"]entry['"]$/.test(call.args[0]?.text ?? '');
}
