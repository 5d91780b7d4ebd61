import type { SyntaxNode } from '../parser.js';
import { OWASP, type SastRule } from '../rule.js';

/** `x` at `at`: the value of the last plain assignment to the identifier before `at` in its function, else `x` itself. */
function valueBefore(x: SyntaxNode | undefined, at: SyntaxNode): SyntaxNode | undefined {
  if (x?.type !== 'identifier') return x;
  let scope: SyntaxNode | null = at.parent;
  while (scope && scope.type !== 'function_definition' && scope.type !== 'module') scope = scope.parent;
  let last: SyntaxNode | undefined;
  for (const a of scope?.descendantsOfType('assignment') ?? []) {
    if (a && a.endIndex <= at.startIndex && a.childForFieldName('left')?.text === x.text) last = a.childForFieldName('right') ?? undefined;
  }
  return last && last.type !== 'identifier' ? last : undefined;
}

/** options={"verify_signature": False}, or a dict (or flag) with that value assigned to a variable first. */
function verificationOff(options: SyntaxNode | undefined, at: SyntaxNode): boolean {
  const dict = valueBefore(options, at);
  if (dict?.type !== 'dictionary') return false;
  for (const pair of dict.namedChildren) {
    if (pair?.type !== 'pair' || !/^["']verify_signature["']$/.test(pair.childForFieldName('key')?.text ?? '')) continue;
    const v = pair.childForFieldName('value');
    return (v?.type === 'identifier' ? valueBefore(v, at) : v)?.type === 'false';
  }
  return false;
}

export const rule: SastRule = {
  id: 'sast.jwt-missing-algorithms',
  title: 'JWT verified without pinning the algorithms on a library major that trusts the token, or not verified at all',
  severity: 'high',
  cwe: 'CWE-347',
  owasp: OWASP.A02,
  families: ['js', 'py'],
  remediation: 'Pass the expected algorithms explicitly (jwt.verify(token, key, { algorithms: ["RS256"] }) / jwt.decode(token, key, algorithms=["HS256"])).',
  samples: {
    bad: [
      { lang: 'javascript', code: `const jwt = require('jsonwebtoken');\nconst { expressjwt } = require('express-jwt');\napp.use(expressjwt({ secret: process.env.KEY }));\nfunction check(token, cb) {\n  jwt.verify(token, process.env.KEY, (err, claims) => cb(err, claims));\n}\n`, installed: { 'npm:jsonwebtoken': [8], 'npm:express-jwt': [5] } },
      { lang: 'python', code: `import jwt\n\ndef current_user(token, key):\n    return jwt.decode(token, key)\n`, installed: { 'PyPI:pyjwt': [1] } },
      { lang: 'python', code: `import jwt\n\ndef claims(token):\n    return jwt.decode(token, options={"verify_signature": False})\n` },
      { lang: 'python', code: `import jwt\n\ndef claims(token, key):\n    return jwt.decode(token, key, verify=False)\n` },
      { lang: 'python', code: `import jwt\n\ndef claims(token, key):\n    check = False\n    opts = {"verify_signature": check, "verify_exp": True}\n    return jwt.decode(token, key, algorithms=["HS256"], options=opts)\n` },
    ],
    good: [
      { lang: 'javascript', code: `const jwt = require('jsonwebtoken');\nconst { expressjwt } = require('express-jwt');\napp.use(expressjwt({ secret: process.env.KEY, algorithms: ['HS256'] }));\nfunction check(token, cb) {\n  jwt.verify(token, process.env.KEY, { algorithms: ['HS256'] }, (err, claims) => cb(err, claims));\n}\n` },
      { lang: 'javascript', code: `const jwt = require('jsonwebtoken');\nfunction auth(req, res, next) {\n  req.user = jwt.verify(req.headers.authorization, process.env.JWT_KEY, { algorithms: ['RS256'] });\n  next();\n}\n` },
      { lang: 'python', code: `import jwt\n\ndef current_user(token, key):\n    return jwt.decode(token, key, algorithms=["HS256"])\n` },
      // Without a dependency file pinning an old major: PyJWT >= 2 raises, jsonwebtoken >= 9 and express-jwt >= 6
      // choose the algorithms from the key or refuse to start (test/scan/sast/installed.test.ts: the pinned cases).
      { lang: 'python', code: `import jwt\n\ndef current_user(token, key):\n    return jwt.decode(token, key)\n` },
      { lang: 'python', code: `import jwt\n\ndef claims(token, key):\n    opts = {"verify_signature": False}\n    opts = {"verify_signature": True}\n    return jwt.decode(token, key, algorithms=["HS256"], options=opts)\n` },
      { lang: 'javascript', code: `const jwt = require('jsonwebtoken');\nfunction auth(req, res, next) {\n  req.user = jwt.verify(req.headers.authorization, process.env.JWT_KEY);\n  next();\n}\n`, installed: { 'npm:jsonwebtoken': [9] } },
      { lang: 'javascript', code: `const { expressjwt } = require('express-jwt');\napp.use(expressjwt({ secret: process.env.KEY }));\n` },
    ],
  },
  onCall(call, ctx) {
    if (ctx.family === 'js') {
      // express-jwt middleware: expressjwt({ secret }) without algorithms throws at start-up since express-jwt 6.
      if (/^express-jwt(?:\.expressjwt)?$/.test(call.name)) {
        const o = call.args[0];
        if (o?.type === 'object' && !ctx.prop(o, 'algorithms') && ctx.installedBelow('npm', 'express-jwt', 6)) ctx.report(call.node, 'express-jwt < 6 configured without algorithms');
        return;
      }
      if (!/^(?:jsonwebtoken|jwt)\.verify$/.test(call.name)) return;
      // jwt.verify(token, key, callback): the callback is not an options object. jsonwebtoken 9 derives the
      // algorithms from the key's type and refuses "none"; 8.x accepts "none" for an empty key (CVE-2022-23540)
      // and lets a key-lookup callback meet the wrong algorithm (CVE-2022-23541).
      const opts = call.args[2];
      const open = !opts || /function|arrow_function/.test(opts.type) || (opts.type === 'object' && !ctx.prop(opts, 'algorithms'));
      if (open && ctx.installedBelow('npm', 'jsonwebtoken', 9)) ctx.report(call.node, 'jsonwebtoken < 9 verifies without pinned algorithms');
      return;
    }
    if (!/^jwt\.decode$/.test(call.name)) return;
    // PyJWT: verify=False (1.x) or options={"verify_signature": False} turns the signature check off, also when the
    // options dict or the flag is a variable assigned before the call.
    if (valueBefore(call.kw('verify'), call.node)?.type === 'false' || verificationOff(call.kw('options'), call.node)) {
      ctx.report(call.node, 'JWT decoded with signature verification turned off');
      return;
    }
    // A key but no algorithms: PyJWT 1.x accepts every algorithm it knows (CVE-2022-29217's confusion); PyJWT >= 2
    // raises DecodeError on every such call, so the call cannot be forged.
    if (!call.kw('algorithms') && !call.args[2] && call.args.length >= 2 && ctx.installedBelow('PyPI', 'pyjwt', 2)) ctx.report(call.node, 'PyJWT < 2 decodes without pinned algorithms: the token chooses its own');
  },
};
