import { OWASP, type SastRule } from '../rule.js';

export const rule: SastRule = {
  id: 'sast.jwt-missing-algorithms',
  title: 'JWT verified without pinning the algorithms',
  severity: 'high',
  cwe: 'CWE-347',
  owasp: OWASP.A02,
  families: ['js', 'py'],
  remediation: 'Pass the expected algorithms explicitly (jwt.verify(token, key, { algorithms: ["RS256"] }) / jwt.decode(token, key, algorithms=["HS256"])).',
  samples: {
    bad: [
      { lang: 'javascript', code: `const jwt = require('jsonwebtoken');\nfunction auth(req, res, next) {\n  req.user = jwt.verify(req.headers.authorization, process.env.JWT_KEY);\n  next();\n}\n` },
      { lang: 'python', code: `import jwt\n\ndef current_user(token, key):\n    return jwt.decode(token, key)\n` },
    ],
    good: [
      { lang: 'javascript', code: `const jwt = require('jsonwebtoken');\nfunction auth(req, res, next) {\n  req.user = jwt.verify(req.headers.authorization, process.env.JWT_KEY, { algorithms: ['RS256'] });\n  next();\n}\n` },
      { lang: 'python', code: `import jwt\n\ndef current_user(token, key):\n    return jwt.decode(token, key, algorithms=["HS256"])\n` },
    ],
  },
  onCall(call, ctx) {
    if (ctx.family === 'js') {
      if (!/^(?:jsonwebtoken|jwt)\.verify$/.test(call.name)) return;
      const opts = call.args[2];
      if (!opts || (opts.type === 'object' && !ctx.prop(opts, 'algorithms'))) ctx.report(call.node);
      return;
    }
    if (/^jwt\.decode$/.test(call.name) && !call.kw('algorithms') && !call.args[2] && call.args.length >= 2) ctx.report(call.node);
  },
};
