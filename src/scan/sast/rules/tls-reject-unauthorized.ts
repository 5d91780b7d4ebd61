import { OWASP, type SastRule } from '../rule.js';

export const rule: SastRule = {
  id: 'sast.tls-reject-unauthorized',
  title: 'TLS certificate verification disabled (rejectUnauthorized: false)',
  severity: 'high',
  cwe: 'CWE-295',
  owasp: OWASP.A07,
  families: ['js'],
  remediation: 'Keep certificate verification on; to trust a private CA pass it with the `ca` option instead.',
  samples: {
    bad: [{ lang: 'javascript', code: `const https = require('https');\nconst agent = new https.Agent({ rejectUnauthorized: false });\nmodule.exports = (url) => fetch(url, { agent });\n` }],
    good: [{ lang: 'javascript', code: `const https = require('https');\nconst fs = require('fs');\nconst agent = new https.Agent({ rejectUnauthorized: true, ca: fs.readFileSync('ca.pem') });\nmodule.exports = (url) => fetch(url, { agent });\n` }],
  },
  on: {
    pair(node, ctx) {
      const key = node.childForFieldName('key');
      const name = key?.type === 'property_identifier' ? key.text : ctx.str(key);
      const value = node.childForFieldName('value');
      if (name === 'rejectUnauthorized' && (value?.type === 'false' || value?.text === '0')) ctx.report(node);
      if ((name === 'strictSSL' || name === 'checkServerIdentity') && (value?.type === 'false' || /=>\s*(?:undefined|null)?\s*$|\{\s*\}$/.test(value?.text ?? ''))) ctx.report(node, `TLS verification disabled (${name})`);
    },
  },
};
