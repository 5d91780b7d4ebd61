import { OWASP, type SastRule } from '../rule.js';
import { taintSinkRule } from '../taint-sinks.js';

export const rule: SastRule = taintSinkRule(
  {
    id: 'sast.py-eval',
    title: 'eval() of request data',
    severity: 'critical',
    cwe: 'CWE-95',
    owasp: OWASP.A03,
    bandit: 'B307',
    families: ['py'],
    remediation: 'Use ast.literal_eval for literals or json.loads for data; never eval input.',
    samples: {
      bad: [{ lang: 'python', code: `from flask import request\n\n@app.route("/sum")\ndef total():\n    numbers = request.args.get("numbers")\n    return str(eval("sum([" + numbers + "])"))\n` }],
      good: [{ lang: 'python', code: `import ast\nfrom flask import request\n\n@app.route("/sum")\ndef total():\n    numbers = ast.literal_eval(request.args.get("numbers"))\n    return str(eval("sum([1, 2])") + sum(numbers))\n` }],
    },
  },
  'code',
  (call) => (call.name === 'eval' || call.name === 'builtins.eval' ? [call.args[0]] : undefined),
);
