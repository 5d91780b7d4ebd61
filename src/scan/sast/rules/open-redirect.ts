import { OWASP, type SastRule } from '../rule.js';
import { fixedTarget, taintSinkRule } from '../taint-sinks.js';

const PY = /^(?:flask\.)?redirect$|^(?:django\.shortcuts\.)?redirect$|^(?:django\.http\.)?HttpResponseRedirect$|^(?:django\.http\.)?HttpResponsePermanentRedirect$|^RedirectResponse$/;
const JS = /^(?:res|response|reply|ctx)\.redirect$|^(?:window\.)?location\.(?:assign|replace)$/;

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
          { lang: 'python', code: `from flask import redirect, request\n\n@app.route("/login", methods=["POST"])\ndef login():\n    next_url = request.args.get("next")\n    return redirect(next_url)\n` },
          { lang: 'javascript', code: `app.get('/out', (req, res) => {\n  res.redirect(req.query.url);\n});\n` },
        ],
        good: [
          { lang: 'python', code: `from flask import redirect, request, url_for\n\n@app.route("/login", methods=["POST"])\ndef login():\n    page = request.args.get("page")\n    return redirect(url_for("home", page=page))\n` },
          { lang: 'javascript', code: `app.get('/out', (req, res) => {\n  const target = req.query.to === 'docs' ? '/docs' : '/';\n  res.redirect(target);\n});\n` },
        ],
      },
    },
    'redirect',
    (call, ctx) => {
      if (!(ctx.family === 'py' ? PY : JS).test(call.name)) return undefined;
      // res.redirect(status, url)
      const url = ctx.family === 'js' && call.args.length === 2 ? call.args[1] : call.args[0];
      // "https://our.host/" + path, `${config.base}${path}`, "/profile/" + id: the target host is not the requester's.
      return url && fixedTarget(url, ctx, 'redirect') ? undefined : [url];
    },
  ),
  on: {
    assignment_expression(node, ctx) {
      if (/^(?:window\.)?(?:document\.)?location(?:\.href)?$/.test(ctx.name(node.childForFieldName('left'))) && ctx.tainted(node.childForFieldName('right'), 'redirect')) ctx.report(node);
    },
  },
};
