import { OWASP, type SastRule } from '../rule.js';

const JS_WEAK = /^(?:des|des-.*|des3|des-ede.*|rc2.*|rc4.*|bf|bf-.*|blowfish|cast.*|idea.*|seed.*)$/i;

export const rule: SastRule = {
  id: 'sast.weak-cipher',
  title: 'Broken or weak cipher (DES, 3DES, RC4, Blowfish) or createCipher without IV',
  severity: 'high',
  cwe: 'CWE-327',
  owasp: OWASP.A02,
  bandit: 'B304',
  families: ['js', 'py'],
  remediation: 'Use AES-256-GCM or ChaCha20-Poly1305 (authenticated encryption) with a random IV/nonce per message.',
  samples: {
    bad: [
      { lang: 'python', code: `from Crypto.Cipher import DES\n\ndef encrypt(key, data):\n    cipher = DES.new(key, DES.MODE_CBC)\n    return cipher.encrypt(data)\n` },
      { lang: 'javascript', code: `const crypto = require('crypto');\nfunction seal(key, iv, text) {\n  const c = crypto.createCipheriv('des-ede3-cbc', key, iv);\n  return c.update(text, 'utf8', 'hex') + c.final('hex');\n}\n` },
    ],
    good: [
      { lang: 'python', code: `from Crypto.Cipher import AES\n\ndef encrypt(key, data):\n    cipher = AES.new(key, AES.MODE_GCM)\n    return cipher.encrypt_and_digest(data)\n` },
      { lang: 'javascript', code: `const crypto = require('crypto');\nfunction seal(key, iv, text) {\n  const c = crypto.createCipheriv('aes-256-gcm', key, iv);\n  return c.update(text, 'utf8', 'hex') + c.final('hex');\n}\n` },
    ],
  },
  onCall(call, ctx) {
    if (ctx.family === 'py') {
      if (/^(?:Crypto|Cryptodome)\.Cipher\.(?:DES|DES3|ARC2|ARC4|Blowfish|CAST|XOR)\.new$/.test(call.name) || /(?:^|\.)algorithms\.(?:TripleDES|ARC4|Blowfish|CAST5|IDEA|SEED)$/.test(call.name)) {
        ctx.report(call.node, `Weak cipher ${call.name}`);
      }
      return;
    }
    if (/^crypto\.(?:createCipher|createDecipher)$/.test(call.name)) return ctx.report(call.node, `${call.last} derives the key and IV with MD5 and no salt`);
    if (/^crypto\.(?:createCipheriv|createDecipheriv)$/.test(call.name) && JS_WEAK.test(ctx.str(call.args[0]) ?? '')) ctx.report(call.node, `Weak cipher ${ctx.str(call.args[0])}`);
  },
};
