import { OWASP, type SastRule } from '../rule.js';

export const rule: SastRule = {
  id: 'sast.jwt-none-algorithm',
  title: 'JWT accepted unsigned ("none" algorithm or signature check off)',
  severity: 'critical',
  cwe: 'CWE-347',
  owasp: OWASP.A02,
  families: ['js', 'py'],
  remediation: 'Never accept alg "none" and never turn off signature verification; pin a real algorithm.',
  samples: {
    bad: [
      { lang: 'python', code: `import jwt\n\ndef guest_token(user_id):\n    return jwt.encode({"sub": user_id}, key=None, algorithm="none")\n` },
      { lang: 'javascript', code: `const jwt = require('jsonwebtoken');\nconst claims = (token) => jwt.verify(token, null, { algorithms: ['none', 'HS256'] });\n` },
      { lang: 'python', code: `import jwt\n\ndef claims(token):\n    return jwt.decode(token, options={"verify_signature": False}, algorithms=["HS256"])\n` },
    ],
    good: [
      { lang: 'javascript', code: `const jwt = require('jsonwebtoken');\nconst claims = (token, key) => jwt.verify(token, key, { algorithms: ['HS256'] });\n` },
      { lang: 'python', code: `import jwt\n\ndef claims(token, key):\n    return jwt.decode(token, key, options={"verify_signature": True}, algorithms=["HS256"])\n` },
    ],
  },
  onCall(call, ctx) {
    if (!/^(?:jsonwebtoken|jwt|jose)\.(?:verify|decode|sign|encode|jwtVerify)$/.test(call.name)) return;
    const text = call.node.text;
    if (/["']none["']/i.test(text)) return ctx.report(call.node, 'JWT "none" algorithm accepted');
    if (/["']verify_signature["']\s*:\s*False/.test(text) || /verify\s*=\s*False/.test(text)) ctx.report(call.node, 'JWT signature verification turned off');
  },
};
