import { OWASP, type SastRule } from '../rule.js';

export const rule: SastRule = {
  id: 'sast.ecb-mode',
  title: 'Block cipher in ECB mode',
  severity: 'high',
  cwe: 'CWE-327',
  owasp: OWASP.A02,
  bandit: 'B305',
  families: ['js', 'py'],
  remediation: 'ECB encrypts equal blocks to equal ciphertext; use GCM (or CBC with an HMAC) with a random IV.',
  samples: {
    bad: [
      { lang: 'python', code: `from Crypto.Cipher import AES\n\ndef encrypt(key, data):\n    return AES.new(key, AES.MODE_ECB).encrypt(data)\n` },
      { lang: 'python', code: `from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes\n\ndef enc(key):\n    return Cipher(algorithms.AES(key), modes.ECB()).encryptor()\n` },
      { lang: 'javascript', code: `const crypto = require('crypto');\nconst c = crypto.createCipheriv('aes-128-ecb', key, null);\n` },
    ],
    good: [
      { lang: 'python', code: `from Crypto.Cipher import AES\n\ndef encrypt(key, data):\n    return AES.new(key, AES.MODE_GCM).encrypt_and_digest(data)\n` },
      { lang: 'javascript', code: `const crypto = require('crypto');\nconst c = crypto.createCipheriv('aes-128-gcm', key, iv);\n` },
    ],
  },
  on: {
    attribute(node, ctx) {
      if (/(?:^|\.)MODE_ECB$/.test(ctx.name(node))) ctx.report(node);
    },
  },
  onCall(call, ctx) {
    if (ctx.family === 'py') {
      if (/(?:^|\.)modes\.ECB$/.test(call.name)) ctx.report(call.node);
      return;
    }
    if (/^crypto\.(?:createCipheriv|createDecipheriv)$/.test(call.name) && /-ecb$/i.test(ctx.str(call.args[0]) ?? '')) ctx.report(call.node);
  },
};
