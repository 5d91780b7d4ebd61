import { OWASP, type SastRule } from '../rule.js';

export const rule: SastRule = {
  id: 'sast.prototype-pollution-assign',
  title: 'Nested property write with keys from request data (prototype pollution)',
  severity: 'high',
  cwe: 'CWE-1321',
  owasp: OWASP.A08,
  eslint: 'detect-object-injection',
  families: ['js'],
  sinkKind: 'proto',
  remediation: 'Use a Map, or reject "__proto__", "constructor" and "prototype" before writing obj[a][b] = v with user-supplied a and b.',
  samples: {
    bad: [{ lang: 'javascript', code: `const store = {};\napp.post('/prefs', (req, res) => {\n  const { section, key, value } = req.body;\n  store[section][key] = value;\n  res.end();\n});\n` }],
    good: [{ lang: 'javascript', code: `const store = new Map();\napp.post('/prefs', (req, res) => {\n  const { section, key, value } = req.body;\n  store.set(section + '.' + key, value);\n  const config = {};\n  config['theme']['color'] = 'dark';\n  res.end();\n});\n` }],
  },
  on: {
    assignment_expression(node, ctx) {
      const left = node.childForFieldName('left');
      if (left?.type !== 'subscript_expression') return;
      const inner = left.childForFieldName('object');
      if (inner?.type !== 'subscript_expression') return;
      if (ctx.tainted(inner.childForFieldName('index'), 'proto') && ctx.tainted(left.childForFieldName('index'), 'proto')) ctx.report(node);
    },
  },
};
