import { OWASP, type SastRule } from '../rule.js';

const WEAK = /^(?:md5|md4|md2|sha1|sha|ripemd160|rsa-md5)$/i;

export const rule: SastRule = {
  id: 'sast.weak-hash',
  title: 'Weak hash algorithm (MD5 / SHA-1)',
  severity: 'medium',
  cwe: 'CWE-328',
  owasp: OWASP.A02,
  bandit: 'B324',
  families: ['js', 'py'],
  remediation: 'Use SHA-256 or better for integrity; for passwords use bcrypt, scrypt, argon2 or PBKDF2. Mark non-security uses with usedforsecurity=False.',
  samples: {
    bad: [
      { lang: 'python', code: `import hashlib\n\ndef fingerprint(data: bytes) -> str:\n    return hashlib.md5(data).hexdigest()\n\ndef legacy(data):\n    return hashlib.new("sha1", data).hexdigest()\n` },
      { lang: 'javascript', code: `const crypto = require('crypto');\nfunction sign(body) {\n  return crypto.createHash('md5').update(body).digest('hex');\n}\n` },
    ],
    good: [
      { lang: 'python', code: `import hashlib\n\ndef fingerprint(data: bytes) -> str:\n    etag = hashlib.md5(data, usedforsecurity=False).hexdigest()\n    return hashlib.sha256(data).hexdigest() + etag\n` },
      { lang: 'javascript', code: `const crypto = require('crypto');\nfunction sign(body) {\n  return crypto.createHash('sha256').update(body).digest('hex');\n}\n` },
    ],
  },
  onCall(call, ctx) {
    if (ctx.family === 'py') {
      if (call.kw('usedforsecurity')?.type === 'false') return;
      if (/^hashlib\.(?:md5|sha1|md4)$|^(?:Crypto|Cryptodome)\.Hash\.(?:MD5|MD4|MD2|SHA|SHA1)\.new$|^cryptography\.hazmat\.primitives\.hashes\.(?:MD5|SHA1)$|^hashes\.(?:MD5|SHA1)$/.test(call.name)) return ctx.report(call.node, `Weak hash ${call.last}`);
      if (call.name === 'hashlib.new' && WEAK.test(ctx.str(call.args[0]) ?? '')) return ctx.report(call.node, `Weak hash ${ctx.str(call.args[0])}`);
      return;
    }
    if (/^crypto\.(?:createHash|createHmac)$/.test(call.name) && WEAK.test(ctx.str(call.args[0]) ?? '')) ctx.report(call.node, `Weak hash ${ctx.str(call.args[0])}`);
  },
};
