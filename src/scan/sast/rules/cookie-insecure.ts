import { OWASP, type SastRule } from '../rule.js';

export const rule: SastRule = {
  id: 'sast.cookie-insecure',
  title: 'Cookie set without Secure or HttpOnly',
  severity: 'medium',
  cwe: 'CWE-614',
  owasp: OWASP.A05,
  families: ['js', 'py'],
  remediation: 'Set cookies with secure=True and httponly=True (and SameSite); in Express pass { secure: true, httpOnly: true }.',
  samples: {
    bad: [
      { lang: 'python', code: `from flask import make_response\n\ndef login():\n    resp = make_response("ok")\n    resp.set_cookie("session", "abc", secure=False, httponly=True)\n    return resp\n` },
      { lang: 'javascript', code: `app.post('/login', (req, res) => {\n  res.cookie('session', token, { httpOnly: false, secure: true });\n  res.end();\n});\n` },
    ],
    good: [
      { lang: 'python', code: `def keep(jar, morsel):\n    jar.set_cookie(morsel)\n\ndef set_cookie(opts):\n    return dict(opts)\n\nprefs = set_cookie({"theme": "dark"})\n` },
      { lang: 'python', code: `from flask import make_response\n\ndef login():\n    resp = make_response("ok")\n    resp.set_cookie("session", "abc", secure=True, httponly=True, samesite="Lax")\n    return resp\n` },
      { lang: 'javascript', code: `app.post('/login', (req, res) => {\n  res.cookie('session', token, { httpOnly: true, secure: true, sameSite: 'lax' });\n  res.end();\n});\n` },
    ],
  },
  onCall(call, ctx) {
    if (ctx.family === 'py') {
      // A response's set_cookie(key, value, ...): not a function of our own named so, nor a cookie jar's set_cookie(cookie).
      if (call.last !== 'set_cookie' || !call.receiver || /jar$/i.test(ctx.name(call.receiver)) || (call.args.length < 2 && !call.kw('value'))) return;
      const secure = call.kw('secure');
      const httponly = call.kw('httponly');
      if (secure?.type === 'false' || httponly?.type === 'false' || (!secure && !httponly && call.args.length < 6)) ctx.report(call.node, `Cookie ${ctx.str(call.args[0]) ?? ''} set without ${secure?.type === 'true' ? 'HttpOnly' : 'Secure'}`.replace('  ', ' '));
      return;
    }
    if (call.last !== 'cookie' || !/^(?:res|response|reply|ctx)\b/.test(call.name)) return;
    const opts = call.args[2];
    if (!opts || opts.type !== 'object') return;
    if (ctx.prop(opts, 'secure')?.type === 'false' || ctx.prop(opts, 'httpOnly')?.type === 'false') ctx.report(call.node);
  },
};
