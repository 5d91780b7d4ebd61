import type { SyntaxNode } from '../parser.js';
import { OWASP, type RuleContext, type SastRule } from '../rule.js';

const JS_SINK = /^(?:res|response|reply|ctx)\.(?:send|write|end|status\(\)\.send)$/;
const PY_SINK = /^(?:flask\.)?(?:make_response|render_template_string|Markup|markupsafe\.Markup|Response|django\.http\.HttpResponse|HttpResponse|django\.utils\.safestring\.mark_safe|mark_safe)$/;

export const rule: SastRule = {
  id: 'sast.reflected-xss',
  title: 'Request data written into an HTML response without escaping',
  severity: 'high',
  cwe: 'CWE-79',
  owasp: OWASP.A03,
  families: ['js', 'py'],
  sinkKind: 'xss',
  remediation: 'Render through an auto-escaping template, or escape with html.escape / markupsafe.escape / an HTML encoder before writing; send JSON with res.json.',
  samples: {
    bad: [
      { lang: 'python', code: `from flask import Flask, request\n\napp = Flask(__name__)\n\n@app.route("/hello")\ndef hello():\n    name = request.args.get("name", "")\n    body = "<h1>Hello " + name + "</h1>"\n    return body\n` },
      { lang: 'javascript', code: `app.get('/search', (req, res) => {\n  const q = req.query.q;\n  res.send(\`<p>No results for \${q}</p>\`);\n});\n` },
    ],
    good: [
      { lang: 'python', code: `import html\nfrom flask import Flask, request\n\napp = Flask(__name__)\n\n@app.route("/hello")\ndef hello():\n    name = request.args.get("name", "")\n    return "<h1>Hello " + html.escape(name) + "</h1>"\n` },
      { lang: 'javascript', code: `app.get('/events', (req, res) => {\n  res.setHeader('Content-Type', 'text/event-stream');\n  res.write(\`data: \${req.query.topic}\\n\\n\`);\n});\n` },
      { lang: 'python', code: `from flask import Response, request\n\n@app.route("/echo")\ndef echo():\n    return Response(request.args.get("q", ""), mimetype="text/plain")\n` },
      { lang: 'javascript', code: `const escapeHtml = require('escape-html');\napp.get('/search', (req, res) => {\n  const q = req.query.q;\n  res.send(\`<p>No results for \${escapeHtml(q)}</p>\`);\n  res.json({ q });\n});\n` },
    ],
  },
  onCall(call, ctx) {
    if (ctx.family === 'js') {
      if (JS_SINK.test(call.name) || (call.last === 'send' && /^(?:res|response)\./.test(call.name))) {
        if (call.args[0] && ctx.tainted(call.args[0], 'xss') && !looksLikeJson(call.args[0]) && !setsNonHtmlType(call.node)) ctx.report(call.node);
      }
      return;
    }
    // make_response((body, headers)) / make_response((body, status, headers)): only the body is HTML.
    const first = call.args[0]?.type === 'tuple' ? (call.args[0].namedChildren[0] ?? undefined) : call.args[0];
    if (!PY_SINK.test(call.name) || !ctx.tainted(first, 'xss')) return;
    // Response(body, mimetype="text/plain") / HttpResponse(..., content_type="application/json"): no HTML to inject into.
    const type = ctx.str(call.kw('mimetype') ?? call.kw('content_type'));
    if (type !== undefined && !/html/i.test(type)) return;
    ctx.report(call.node);
  },
  on: {
    return_statement(node, ctx) {
      if (ctx.family !== 'py' || !isView(node)) return;
      const value = node.namedChildren[0];
      if (!value) return;
      // A tuple return (body, status) or a direct string/expression.
      const body = value.type === 'tuple' || value.type === 'expression_list' ? value.namedChildren[0] : value;
      if (body && !isCall(body, ctx) && !holdsResponse(body, node, ctx) && ctx.tainted(body, 'xss')) ctx.report(node);
    },
  },
};

/** The handler sets a non-HTML content type before this call (res.type('text'), setHeader('Content-Type', 'application/json'), SSE). */
function setsNonHtmlType(call: SyntaxNode): boolean {
  let f: SyntaxNode | null = call.parent;
  while (f && !/function|arrow_function|method_definition/.test(f.type)) f = f.parent;
  if (!f) return false;
  const before = f.text.slice(0, call.startIndex - f.startIndex);
  return /\.(?:type|contentType)\(\s*['"`](?![^'"`]*html)[^'"`]+['"`]|['"`]content-type['"`]\s*[,:]\s*['"`](?![^'"`]*html)[^'"`]+['"`]/i.test(before);
}

function looksLikeJson(n: SyntaxNode): boolean {
  return n.type === 'object' || n.type === 'array';
}

/** A return in the body of a Flask/Django-style view: decorated with a route, or taking `request`. */
function isView(node: SyntaxNode): boolean {
  let f: SyntaxNode | null = node.parent;
  while (f && f.type !== 'function_definition') f = f.parent;
  if (!f) return false;
  const params = f.childForFieldName('parameters')?.text ?? '';
  if (/^\(\s*request\b/.test(params)) return true;
  const deco = f.parent?.type === 'decorated_definition' ? f.parent.text.slice(0, f.startIndex - f.parent.startIndex) : '';
  return /\.(?:route|get|post|put|patch|delete)\s*\(/.test(deco);
}

/** `resp = make_response(...)` ... `return resp`: the response object was judged where it was made. */
function holdsResponse(n: SyntaxNode, ret: SyntaxNode, ctx: RuleContext): boolean {
  if (n.type !== 'identifier') return false;
  let f: SyntaxNode | null = ret.parent;
  while (f && f.type !== 'function_definition') f = f.parent;
  const last = f?.descendantsOfType('assignment').filter((a) => a !== null && a.endIndex <= ret.startIndex && a.childForFieldName('left')?.text === n.text).at(-1);
  const right = last?.childForFieldName('right');
  const call = right ? ctx.call(right) : undefined;
  return call !== undefined && RESPONSE_MAKERS.test(call.name);
}
const RESPONSE_MAKERS = /^(?:flask\.)?(?:make_response|Response|jsonify|redirect|render_template|send_file|send_from_directory|abort)$|(?:^|\.)(?:HttpResponse\w*|JsonResponse|FileResponse|render)$/;

/** Calls returning a response object are judged by their own rule (make_response, jsonify, redirect ...). */
function isCall(n: SyntaxNode, ctx: RuleContext): boolean {
  const c = ctx.call(n);
  return c !== undefined && !/(?:format|join|replace|strip|decode|encode|lower|upper|str)$/.test(c.last);
}
