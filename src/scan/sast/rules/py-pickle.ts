import { OWASP, type SastRule } from '../rule.js';
import { taintSinkRule } from '../taint-sinks.js';

const LOADS = /^(?:pickle|cPickle|_pickle|dill|shelve|jsonpickle|pandas|joblib)\.(?:loads?|Unpickler|decode|read_pickle|open)$/;

export const rule: SastRule = taintSinkRule(
  {
    id: 'sast.py-pickle',
    title: 'pickle (or dill/jsonpickle/shelve) deserializes request data',
    severity: 'critical',
    cwe: 'CWE-502',
    owasp: OWASP.A08,
    bandit: 'B301',
    families: ['py'],
    remediation: 'Unpickling runs code: accept JSON (json.loads) or another data-only format from clients, and sign anything you must round-trip.',
    samples: {
      bad: [{ lang: 'python', code: `import base64\nimport pickle\nfrom flask import request\n\n@app.route("/restore", methods=["POST"])\ndef restore():\n    blob = base64.b64decode(request.form["state"])\n    state = pickle.loads(blob)\n    return str(state)\n` }],
      good: [{ lang: 'python', code: `import json\nimport pickle\nfrom flask import request\n\n@app.route("/restore", methods=["POST"])\ndef restore():\n    state = json.loads(request.form["state"])\n    with open("/srv/cache.pkl", "rb") as fh:\n        cache = pickle.load(fh)\n    return str(state) + str(cache)\n` }],
    },
  },
  'deser',
  (call) => (LOADS.test(call.name) ? [call.args[0]] : undefined),
);
