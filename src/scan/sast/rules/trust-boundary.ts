import { OWASP, type SastRule } from '../rule.js';

export const rule: SastRule = {
  id: 'sast.trust-boundary',
  title: 'Request data stored in the server-side session unchecked (trust boundary violation)',
  severity: 'medium',
  cwe: 'CWE-501',
  owasp: OWASP.A04,
  families: ['js', 'py'],
  sinkKind: 'trust',
  remediation: 'Validate and normalise input before putting it in the session; later code treats session values as trusted.',
  samples: {
    bad: [
      { lang: 'python', code: `from flask import request, session\n\n@app.route("/pref")\ndef pref():\n    role = request.args.get("role")\n    session["role"] = role\n    return "ok"\n` },
      { lang: 'javascript', code: `app.get('/pref', (req, res) => {\n  req.session.role = req.query.role;\n  res.end();\n});\n` },
      { lang: 'python', code: `from flask import request, session\n\n@app.route("/flag")\ndef flag():\n    session[request.args.get("name")] = True\n    return "ok"\n` },
    ],
    good: [
      { lang: 'python', code: `from flask import request, session\n\n@app.route("/pref")\ndef pref():\n    theme = request.args.get("theme")\n    session["theme"] = "dark" if theme == "dark" else "light"\n    return "ok"\n` },
      { lang: 'javascript', code: `app.get('/pref', (req, res) => {\n  req.session.theme = req.query.theme === 'dark' ? 'dark' : 'light';\n  res.end();\n});\n` },
    ],
  },
  on: {
    assignment(node, ctx) {
      const left = node.childForFieldName('left');
      if (left?.type !== 'subscript' || !/^(?:flask\.)?session$|^request\.session$/.test(ctx.name(left.childForFieldName('value')))) return;
      // A key the request chooses lets it write any session entry (`session[name] = True` sets "is_admin").
      if (ctx.tainted(node.childForFieldName('right'), 'trust') || ctx.tainted(left.childForFieldName('subscript'), 'trust')) ctx.report(node);
    },
    assignment_expression(node, ctx) {
      const left = node.childForFieldName('left');
      if (!left || !/^(?:req|request|ctx)\.session\b/.test(ctx.name(left.childForFieldName('object')) + '.')) return;
      const key = left.type === 'subscript_expression' ? left.childForFieldName('index') : null;
      if (ctx.tainted(node.childForFieldName('right'), 'trust') || ctx.tainted(key, 'trust')) ctx.report(node);
    },
  },
  onCall(call, ctx) {
    if (ctx.family === 'py' && /^(?:flask\.)?session\.(?:update|setdefault)$|^request\.session\.(?:update|setdefault)$/.test(call.name) && call.args.some((a) => ctx.tainted(a, 'trust'))) ctx.report(call.node);
  },
};
