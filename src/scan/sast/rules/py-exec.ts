import { OWASP, type SastRule } from '../rule.js';
import { taintSinkRule } from '../taint-sinks.js';

export const rule: SastRule = taintSinkRule(
  {
    id: 'sast.py-exec',
    title: 'exec()/compile() of request data',
    severity: 'critical',
    cwe: 'CWE-94',
    owasp: OWASP.A03,
    bandit: 'B102',
    families: ['py'],
    remediation: 'Do not execute input as code; dispatch to known functions through a dictionary.',
    samples: {
      bad: [{ lang: 'python', code: `from flask import request\n\ndef run_hook():\n    hook = request.form.get("hook")\n    code = compile(hook, "<hook>", "exec")\n    exec(code)\n` }],
      good: [{ lang: 'python', code: `from flask import request\n\nHOOKS = {"ping": lambda: "pong"}\n\ndef run_hook():\n    hook = request.form.get("hook")\n    exec("x = 1")\n    return HOOKS.get(hook, lambda: "")()\n` }],
    },
  },
  'code',
  (call) => (call.name === 'exec' || call.name === 'compile' || call.name === 'builtins.exec' ? [call.args[0]] : undefined),
);
