import { OWASP, type SastRule } from '../rule.js';
import { taintSinkRule } from '../taint-sinks.js';

export const rule: SastRule = taintSinkRule(
  {
    id: 'sast.regex-injection',
    title: 'Regular expression built from request data',
    severity: 'medium',
    cwe: 'CWE-1333',
    owasp: OWASP.A03,
    eslint: 'detect-non-literal-regexp',
    families: ['js', 'py'],
    remediation: 'Escape the input (re.escape / escape-string-regexp) or match it as plain text (includes / in).',
    samples: {
      bad: [
        { lang: 'javascript', code: `app.get('/filter', (req, res) => {\n  const re = new RegExp(req.query.pattern);\n  res.json(items.filter((i) => re.test(i.name)));\n});\n` },
        { lang: 'python', code: `import re\nfrom flask import request\n\ndef search(items):\n    pattern = request.args.get("q")\n    return [i for i in items if re.search(pattern, i)]\n` },
      ],
      good: [
        { lang: 'javascript', code: `const escapeStringRegexp = require('escape-string-regexp');\napp.get('/filter', (req, res) => {\n  const re = new RegExp(escapeStringRegexp(req.query.pattern));\n  res.json(items.filter((i) => re.test(i.name)));\n});\n` },
        { lang: 'python', code: `import re\nfrom flask import request\n\ndef search(items):\n    pattern = re.escape(request.args.get("q"))\n    return [i for i in items if re.search(pattern, i)]\n` },
      ],
    },
  },
  'regex',
  (call, ctx) => {
    if (ctx.family === 'js') return call.name === 'RegExp' ? [call.args[0]] : undefined;
    return /^re\.(?:compile|match|search|fullmatch|findall|finditer|sub|subn|split)$/.test(call.name) ? [call.args[0]] : undefined;
  },
);
