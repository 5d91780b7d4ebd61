import { OWASP, type SastRule } from '../rule.js';
import { taintSinkRule } from '../taint-sinks.js';

/** Pillow's ImageMath.eval runs a Python expression (CVE-2022-22817, CVE-2023-50447). */
const IMAGE_MATH = /^(?:PIL\.)?ImageMath\.(?:eval|unsafe_eval|lambda_eval)$/;

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
      bad: [{ lang: 'python', code: `from PIL import ImageMath\nfrom flask import request\n\ndef mix():\n    return ImageMath.eval(request.args['expr'], a=1)\n` }, { lang: 'python', code: `from flask import request\n\n@app.route("/sum")\ndef total():\n    numbers = request.args.get("numbers")\n    return str(eval("sum([" + numbers + "])"))\n` }],
      good: [{ lang: 'python', code: `import ast\nfrom flask import request\n\n@app.route("/sum")\ndef total():\n    numbers = ast.literal_eval(request.args.get("numbers"))\n    return str(eval("sum([1, 2])") + sum(numbers))\n` }],
    },
  },
  'code',
  (call) => (call.name === 'eval' || call.name === 'builtins.eval' || IMAGE_MATH.test(call.name) ? [call.args[0]] : undefined),
);
