import { OWASP, type SastRule } from '../rule.js';
import { taintSinkRule } from '../taint-sinks.js';

export const rule: SastRule = taintSinkRule(
  {
    id: 'sast.js-new-function',
    title: 'new Function() built from request data',
    severity: 'critical',
    cwe: 'CWE-95',
    owasp: OWASP.A03,
    eslint: 'detect-eval-with-expression',
    families: ['js'],
    remediation: 'Do not compile input into functions; select behaviour from a fixed table of functions instead.',
    samples: {
      bad: [{ lang: 'javascript', code: `function makeFilter(req) {\n  const body = 'return item.' + req.query.field + ' > 3';\n  return new Function('item', body);\n}\n` }],
      good: [{ lang: 'javascript', code: `const FILTERS = { size: (item) => item.size > 3 };\nfunction makeFilter(req) {\n  const add = new Function('a', 'b', 'return a + b');\n  return FILTERS[String(req.query.field)] ?? add;\n}\n` }],
    },
  },
  'code',
  (call) => (call.name === 'Function' ? call.args : undefined),
);
