import { OWASP, type SastRule } from '../rule.js';
import { taintSinkRule } from '../taint-sinks.js';

export const rule: SastRule = taintSinkRule(
  {
    id: 'sast.py-marshal',
    title: 'marshal deserializes request data',
    severity: 'high',
    cwe: 'CWE-502',
    owasp: OWASP.A08,
    bandit: 'B302',
    families: ['py'],
    remediation: 'marshal is for trusted .pyc data only; use json for anything a client sends.',
    samples: {
      bad: [{ lang: 'python', code: `import marshal\nfrom flask import request\n\ndef load():\n    raw = request.get_data()\n    return marshal.loads(raw)\n` }],
      good: [{ lang: 'python', code: `import json\nimport marshal\nfrom flask import request\n\ndef load():\n    raw = request.get_data()\n    defaults = marshal.loads(b"\\xe9\\x01\\x00\\x00\\x00")\n    return json.loads(raw), defaults\n` }],
    },
  },
  'deser',
  (call) => (/^marshal\.loads?$/.test(call.name) ? [call.args[0]] : undefined),
);
