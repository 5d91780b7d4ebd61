import type { SyntaxNode } from '../parser.js';
import { OWASP, type RuleContext, type SastRule } from '../rule.js';
import { fixedTarget, taintSinkRule, urlParts } from '../taint-sinks.js';

const PY = /^(?:flask\.)?redirect$|^(?:django\.shortcuts\.)?redirect$|^(?:django\.http\.)?HttpResponseRedirect$|^(?:django\.http\.)?HttpResponsePermanentRedirect$|^RedirectResponse$/;
const JS = /^(?:res|response|reply|ctx)\.redirect$|^(?:window\.)?location\.(?:assign|replace)$/;
const FLASK_PATH = /^flask\.request\.(?:path|full_path)$/;

/**
 * `redirect(request.path + "?failed")`, `redirect(f"{request.path}/")` in Flask: Werkzeug makes `request.path` start
 * with exactly one slash, so it cannot name another host as `//host` would; `/\host` (sent as `/%5Chost`) would, as
 * browsers read `\` as `/`, but Werkzeug 3 percent-encodes the backslash in every Location header. So the target
 * stays on this site unless the project pins Werkzeug < 3 (or the rest of the target is request data).
 */
function flaskOwnPath(url: SyntaxNode, ctx: RuleContext): boolean {
  const [first, ...rest] = urlParts(url);
  if (!first || !FLASK_PATH.test(ctx.name(first))) return false;
  return !ctx.installedBelow('PyPI', 'werkzeug', 3) && rest.every((p) => !ctx.tainted(p, 'redirect'));
}

export const rule: SastRule = {
  ...taintSinkRule(
    {
      id: 'sast.open-redirect',
      title: 'Redirect to a URL taken from request data (open redirect)',
      severity: 'medium',
      cwe: 'CWE-601',
      owasp: OWASP.A01,
      families: ['js', 'py'],
      remediation: 'Redirect only to relative paths or to hosts on an allow-list (url_has_allowed_host_and_scheme / url_for).',
      samples: {
        bad: [
        { lang: 'python', code: `from django.shortcuts import redirect\nfrom django.utils.http import url_has_allowed_host_and_scheme\n\ndef go(request):\n    dest = request.POST.get("dest")\n    if url_has_allowed_host_and_scheme(url=dest, allowed_hosts=None):\n        audit(dest)\n    return redirect(dest)\n` },
          { lang: 'python', code: `from flask import redirect, request\n\n@app.route("/login", methods=["POST"])\ndef login():\n    next_url = request.args.get("next")\n    return redirect(next_url)\n` },
          { lang: 'javascript', code: `app.get('/out', (req, res) => {\n  res.redirect(req.query.url);\n});\n` },
          { lang: 'python', code: `from flask import redirect, request\n\n@app.route("/cart/<item>")\ndef cart(item):\n    if not session.get("user"):\n        return redirect(request.path + "/login")\n    return render_template("cart.html")\n`, installed: { 'PyPI:werkzeug': [2] } },
          { lang: 'python', code: `from flask import redirect, request\n\n@app.route("/docs/<page>")\ndef docs(page):\n    return redirect(f"{request.path}{request.args.get('anchor')}")\n` },
        ],
        good: [
          { lang: 'python', code: `from urllib.parse import urlparse\nfrom flask import redirect, request, url_for\n\n@app.route("/signin/done")\ndef done():\n    back = request.args.get("back")\n    if not back or urlparse(back).netloc:\n        back = url_for("dashboard")\n    return redirect(back)\n` },
        { lang: 'javascript', code: `const NEXT = ['/home', '/account'];\napp.get('/done', (req, res) => {\n  const next = req.query.next;\n  if (NEXT.includes(next)) {\n    return res.redirect(next);\n  }\n  res.redirect('/');\n});\n` },
        { lang: 'python', code: `from django.http import HttpResponseRedirect\nfrom django.utils.http import is_safe_url\n\ndef go(request):\n    dest = request.POST.get("dest")\n    if dest and not is_safe_url(url=dest, allowed_hosts=settings.ALLOWED_HOSTS):\n        dest = "/"\n    return HttpResponseRedirect(dest)\n` },
        { lang: 'python', code: `from django.shortcuts import redirect\nfrom django.utils.http import url_has_allowed_host_and_scheme\n\ndef after_login(request):\n    target = request.GET.get("continue", "")\n    allowed = url_has_allowed_host_and_scheme(url=target, allowed_hosts={request.get_host()})\n    if allowed:\n        return redirect(target)\n    return redirect("/home")\n` },
          { lang: 'python', code: `from flask import redirect, request, url_for\n\n@app.route("/login", methods=["POST"])\ndef login():\n    page = request.args.get("page")\n    return redirect(url_for("home", page=page))\n` },
          { lang: 'javascript', code: `app.get('/out', (req, res) => {\n  const target = req.query.to === 'docs' ? '/docs' : '/';\n  res.redirect(target);\n});\n` },
          { lang: 'python', code: `from flask import redirect, request\n\n@app.route("/cart/<item>")\ndef cart(item):\n    if not session.get("user"):\n        return redirect(request.path + "/login")\n    return redirect(f"{request.full_path}&done=1")\n` },
        ],
      },
    },
    'redirect',
    (call, ctx) => {
      if (!(ctx.family === 'py' ? PY : JS).test(call.name)) return undefined;
      // res.redirect(status, url)
      const url = ctx.family === 'js' && call.args.length === 2 ? call.args[1] : call.args[0];
      // "https://our.host/" + path, `${config.base}${path}`, "/profile/" + id: the target host is not the requester's.
      return url && (fixedTarget(url, ctx, 'redirect') || flaskOwnPath(url, ctx)) ? undefined : [url];
    },
  ),
  on: {
    assignment_expression(node, ctx) {
      if (/^(?:window\.)?(?:document\.)?location(?:\.href)?$/.test(ctx.name(node.childForFieldName('left'))) && ctx.tainted(node.childForFieldName('right'), 'redirect')) ctx.report(node);
    },
  },
};
