import { OWASP, type SastRule } from '../rule.js';
import { taintSinkRule } from '../taint-sinks.js';

const MERGE = /^(?:lodash|_|lodash\.merge|lodash\.mergewith|lodash\.defaultsdeep|lodash\.set|deepmerge|merge|merge-deep|mixin-deep|deep-extend|defaults-deep|dot-prop|jquery|\$|hoek|object-path)(?:\.(?:merge|mergeWith|defaultsDeep|set|setWith|zipObjectDeep|extend|applyToDefaults|all))?$/;

export const rule: SastRule = taintSinkRule(
  {
    id: 'sast.prototype-pollution-merge',
    title: 'Request data deep-merged into an object (prototype pollution)',
    severity: 'high',
    cwe: 'CWE-1321',
    owasp: OWASP.A08,
    eslint: 'detect-object-injection',
    families: ['js'],
    remediation: 'Validate the input against a schema first and merge only known keys; create targets with Object.create(null) or use a Map; reject "__proto__", "constructor" and "prototype" keys.',
    samples: {
      bad: [{ lang: 'javascript', code: `const _ = require('lodash');\napp.post('/settings', (req, res) => {\n  const settings = _.merge({}, defaults, req.body);\n  res.json(settings);\n});\n` }],
      good: [{ lang: 'javascript', code: `const _ = require('lodash');\napp.post('/settings', (req, res) => {\n  const theme = req.body.theme === 'dark' ? 'dark' : 'light';
  const settings = _.merge({}, defaults, { theme });\n  res.json(settings);\n});\n` }],
    },
  },
  'proto',
  (call) => {
    if (!MERGE.test(call.name)) return undefined;
    if (/^(?:jquery|\$)\.extend$/.test(call.name) && call.args[0]?.type !== 'true') return undefined; // shallow extend
    return call.args.slice(call.last === 'set' || call.last === 'setWith' ? 1 : 0);
  },
);
