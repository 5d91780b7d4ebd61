import { OWASP, type SastRule } from '../rule.js';
import { taintSinkRule } from '../taint-sinks.js';

const UNSAFE = /^(?:node-serialize|serialize-to-js|funcster|cryo)\.(?:unserialize|deserialize|parse)$|^(?:js-yaml|yaml)\.(?:unsafeLoad)$/;

export const rule: SastRule = taintSinkRule(
  {
    id: 'sast.js-unsafe-deserialize',
    title: 'Request data deserialized with a library that can run code',
    severity: 'critical',
    cwe: 'CWE-502',
    owasp: OWASP.A08,
    families: ['js'],
    remediation: 'Parse client data with JSON.parse (plus schema validation); node-serialize and friends revive functions.',
    samples: {
      bad: [{ lang: 'javascript', code: `const serialize = require('node-serialize');\napp.get('/profile', (req, res) => {\n  const prefs = serialize.unserialize(Buffer.from(req.cookies.prefs, 'base64').toString());\n  res.json(prefs);\n});\n` }],
      good: [{ lang: 'javascript', code: `const serialize = require('node-serialize');\napp.get('/profile', (req, res) => {\n  const prefs = JSON.parse(Buffer.from(req.cookies.prefs, 'base64').toString());\n  res.json({ prefs, defaults: serialize.unserialize('{"a":1}') });\n});\n` }],
    },
  },
  'deser',
  (call) => (UNSAFE.test(call.name) ? [call.args[0]] : undefined),
);
