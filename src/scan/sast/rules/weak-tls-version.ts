import { OWASP, type SastRule } from '../rule.js';

const PY_OLD = /(?:^|\.)PROTOCOL_(?:SSLv2|SSLv3|SSLv23|TLSv1|TLSv1_1|TLS)$|(?:^|\.)TLSVersion\.(?:SSLv3|TLSv1|TLSv1_1)$/;
const JS_OLD = /^(?:SSLv2_method|SSLv3_method|TLSv1_method|TLSv1_1_method|SSLv23_method|TLSv1|TLSv1\.1|SSLv3)$/;

export const rule: SastRule = {
  id: 'sast.weak-tls-version',
  title: 'TLS configured with an obsolete protocol version (SSLv3, TLS 1.0/1.1)',
  severity: 'high',
  cwe: 'CWE-326',
  owasp: OWASP.A02,
  bandit: 'B502',
  families: ['js', 'py'],
  remediation: 'Require TLS 1.2 or newer: ssl.create_default_context() with minimum_version = TLSVersion.TLSv1_2; Node minVersion: "TLSv1.2".',
  samples: {
    bad: [
      { lang: 'python', code: `import ssl\n\ndef context():\n    return ssl.SSLContext(ssl.PROTOCOL_TLSv1)\n` },
      { lang: 'javascript', code: `const tls = require('tls');\nconst server = tls.createServer({ key, cert, minVersion: 'TLSv1' });\n` },
    ],
    good: [
      { lang: 'python', code: `import ssl\n\ndef context():\n    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)\n    ctx.minimum_version = ssl.TLSVersion.TLSv1_2\n    return ctx\n` },
      { lang: 'javascript', code: `const tls = require('tls');\nconst server = tls.createServer({ key, cert, minVersion: 'TLSv1.2' });\n` },
    ],
  },
  on: {
    attribute(node, ctx) {
      if (PY_OLD.test(ctx.name(node))) ctx.report(node, `Obsolete TLS/SSL protocol ${node.text}`);
    },
    pair(node, ctx) {
      const key = node.childForFieldName('key')?.text;
      const v = ctx.str(node.childForFieldName('value'));
      if ((key === 'secureProtocol' || key === 'minVersion' || key === 'maxVersion') && v !== undefined && JS_OLD.test(v)) ctx.report(node, `Obsolete TLS/SSL protocol ${v}`);
    },
  },
};
