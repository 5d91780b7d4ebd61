import { OWASP, type SastRule } from '../rule.js';

export const rule: SastRule = {
  id: 'sast.jwt-missing-algorithms',
  title: 'JWT verified without pinning the algorithms, or not verified at all',
  severity: 'high',
  cwe: 'CWE-347',
  owasp: OWASP.A02,
  families: ['js', 'py'],
  remediation: 'Pass the expected algorithms explicitly (jwt.verify(token, key, { algorithms: ["RS256"] }) / jwt.decode(token, key, algorithms=["HS256"])).',
  samples: {
    bad: [
      { lang: 'javascript', code: `const jwt = require('jsonwebtoken');\nconst { expressjwt } = require('express-jwt');\napp.use(expressjwt({ secret: process.env.KEY }));\nfunction check(token, cb) {\n  jwt.verify(token, process.env.KEY, (err, claims) => cb(err, claims));\n}\n` },
      { lang: 'python', code: `import jwt\n\ndef claims(token):\n    return jwt.decode(token, options={"verify_signature": False})\n` },
      { lang: 'javascript', code: `const jwt = require('jsonwebtoken');\nfunction auth(req, res, next) {\n  req.user = jwt.verify(req.headers.authorization, process.env.JWT_KEY);\n  next();\n}\n` },
      { lang: 'python', code: `import jwt\n\ndef current_user(token, key):\n    return jwt.decode(token, key)\n` },
    ],
    good: [
      { lang: 'javascript', code: `const jwt = require('jsonwebtoken');\nconst { expressjwt } = require('express-jwt');\napp.use(expressjwt({ secret: process.env.KEY, algorithms: ['HS256'] }));\nfunction check(token, cb) {\n  jwt.verify(token, process.env.KEY, { algorithms: ['HS256'] }, (err, claims) => cb(err, claims));\n}\n` },
      { lang: 'javascript', code: `const jwt = require('jsonwebtoken');\nfunction auth(req, res, next) {\n  req.user = jwt.verify(req.headers.authorization, process.env.JWT_KEY, { algorithms: ['RS256'] });\n  next();\n}\n` },
      { lang: 'python', code: `import jwt\n\ndef current_user(token, key):\n    return jwt.decode(token, key, algorithms=["HS256"])\n` },
    ],
  },
  onCall(call, ctx) {
    if (ctx.family === 'js') {
      // express-jwt middleware: expressjwt({ secret }) without algorithms (required since express-jwt 6).
      if (/^express-jwt(?:\.expressjwt)?$/.test(call.name)) {
        const o = call.args[0];
        if (o?.type === 'object' && !ctx.prop(o, 'algorithms')) ctx.report(call.node, 'express-jwt configured without algorithms');
        return;
      }
      if (!/^(?:jsonwebtoken|jwt)\.verify$/.test(call.name)) return;
      // jwt.verify(token, key, callback): the callback is not an options object.
      const opts = call.args[2];
      if (!opts || /function|arrow_function/.test(opts.type) || (opts.type === 'object' && !ctx.prop(opts, 'algorithms'))) ctx.report(call.node);
      return;
    }
    if (!/^jwt\.decode$/.test(call.name)) return;
    // PyJWT: verify=False (1.x) or options={"verify_signature": False} turns the signature check off.
    const options = call.kw('options');
    if (call.kw('verify')?.type === 'false' || (options && /["']verify_signature["']\s*:\s*False/.test(options.text))) {
      ctx.report(call.node, 'JWT decoded with signature verification turned off');
      return;
    }
    if (!call.kw('algorithms') && !call.args[2] && call.args.length >= 2) ctx.report(call.node);
  },
};
