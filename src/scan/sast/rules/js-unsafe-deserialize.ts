import { OWASP, type SastRule } from '../rule.js';
import { taintSinkRule } from '../taint-sinks.js';

const UNSAFE = /^(?:node-serialize|serialize-to-js|funcster|cryo)\.(?:unserialize|deserialize|parse)$|^(?:js-yaml|yaml)\.(?:unsafeLoad)$/;

const JS_YAML_LOAD = /^js-yaml\.(?:load|loadAll)$/;

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
      bad: [{ lang: 'javascript', code: `const yaml = require('js-yaml');\napp.post('/import', (req, res) => {\n  res.json(yaml.load(req.body.doc));\n});\n` }, { lang: 'javascript', code: `const serialize = require('node-serialize');\napp.get('/profile', (req, res) => {\n  const prefs = serialize.unserialize(Buffer.from(req.cookies.prefs, 'base64').toString());\n  res.json(prefs);\n});\n` }],
      good: [{ lang: 'javascript', code: `const yaml = require('js-yaml');\napp.post('/import', (req, res) => {\n  res.json(yaml.load(req.body.doc, { schema: yaml.JSON_SCHEMA }));\n  res.json(yaml.load('a: 1'));\n});\n` }, { lang: 'javascript', code: `const serialize = require('node-serialize');\napp.get('/profile', (req, res) => {\n  const prefs = JSON.parse(Buffer.from(req.cookies.prefs, 'base64').toString());\n  res.json({ prefs, defaults: serialize.unserialize('{"a":1}') });\n});\n` }],
    },
  },
  'deser',
  (call, ctx) => {
    if (UNSAFE.test(call.name)) return [call.args[0]];
    // js-yaml 3's load() builds functions and regexps from !!js tags unless given a safe schema (4 made it safe).
    if (JS_YAML_LOAD.test(call.name)) {
      const schema = ctx.name(ctx.prop(call.args[1], 'schema'));
      return /(?:SAFE|JSON|CORE|FAILSAFE)_SCHEMA$/.test(schema) ? undefined : [call.args[0]];
    }
    return undefined;
  },
);
