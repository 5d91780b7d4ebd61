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
      bad: [{ lang: 'python', code: `from flask import request\n\ndef run_hook():\n    hook = request.form.get("hook")\n    code = compile(hook, "<hook>", "exec")\n    exec(code)\n` }, { lang: 'python', code: `import asyncio\n\nasync def script(request):\n    body = request.POST["script"]\n    loop = asyncio.get_running_loop()\n    await loop.run_in_executor(None, exec, body)\n` }],
      good: [{ lang: 'python', code: `import asyncio\n\nasync def script(request):\n    name = request.POST["script"]\n    loop = asyncio.get_running_loop()\n    await loop.run_in_executor(None, exec, "print('ready')")\n    await loop.run_in_executor(None, print, name)\n` }, { lang: 'python', code: `from flask import request\n\nHOOKS = {"ping": lambda: "pong"}\n\ndef run_hook():\n    hook = request.form.get("hook")\n    exec("x = 1")\n    return HOOKS.get(hook, lambda: "")()\n` }],
    },
  },
  'code',
  (call) => (call.name === 'exec' || call.name === 'compile' || call.name === 'builtins.exec' ? [call.args[0]] : undefined),
);
