import { OWASP, type SastRule } from '../rule.js';

const PASSWORD = /pass(?:word|wd|phrase)?|pwd/i;

export const rule: SastRule = {
  id: 'sast.password-fast-hash',
  title: 'Password hashed with a fast general-purpose hash',
  severity: 'high',
  cwe: 'CWE-916',
  owasp: OWASP.A02,
  families: ['js', 'py'],
  remediation: 'Store passwords with a slow, salted password hash: bcrypt, scrypt, argon2id or PBKDF2 with a high iteration count.',
  samples: {
    bad: [
      { lang: 'python', code: `import hashlib\n\ndef store_user(db, name, password):\n    digest = hashlib.sha256(password.encode()).hexdigest()\n    db.save(name, digest)\n` },
      { lang: 'typescript', code: `import { createHash } from 'crypto';\nexport function hashPassword(password: string): string {\n  return createHash('sha256').update(password).digest('hex');\n}\n` },
    ],
    good: [
      { lang: 'python', code: `import hashlib\nimport os\n\ndef store_user(db, name, password):\n    salt = os.urandom(16)\n    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000)\n    db.save(name, salt + digest, hashlib.sha256(name.encode()).hexdigest())\n` },
      { lang: 'typescript', code: `import { createHash, scryptSync, randomBytes } from 'crypto';\nexport function hashPassword(password: string): string {\n  const salt = randomBytes(16);\n  return scryptSync(password, salt, 64).toString('hex') + createHash('sha256').update(salt).digest('hex');\n}\n` },
    ],
  },
  onCall(call, ctx) {
    if (ctx.family === 'py') {
      if (!/^hashlib\.(?:md5|sha1|sha224|sha256|sha384|sha512|sha3_256|sha3_512|blake2b|blake2s|new)$/.test(call.name)) return;
      const data = call.name === 'hashlib.new' ? call.args[1] : call.args[0];
      if (data && PASSWORD.test(data.text)) ctx.report(call.node);
      // h = hashlib.sha256(); h.update(password)
      return;
    }
    // createHash(alg).update(password)
    if (call.last !== 'update' || !call.receiver) return;
    const inner = ctx.call(call.receiver);
    if (!inner || !/^crypto\.createHash$/.test(inner.name)) return;
    if (call.args[0] && PASSWORD.test(call.args[0].text)) ctx.report(call.node);
  },
};
