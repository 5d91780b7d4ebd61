import { OWASP, type SastRule } from '../rule.js';
import { taintSinkRule } from '../taint-sinks.js';

const VM = /^vm\.(?:runInNewContext|runInThisContext|runInContext|compileFunction|Script)$|^(?:vm2\.)?(?:VM|NodeVM)\.run$/;

export const rule: SastRule = taintSinkRule(
  {
    id: 'sast.js-vm',
    title: 'vm module runs request data as code',
    severity: 'critical',
    cwe: 'CWE-94',
    owasp: OWASP.A03,
    eslint: 'detect-eval-with-expression',
    families: ['js'],
    remediation: 'The vm module is not a security boundary: do not run untrusted code in it; use a separate process with no privileges if you must.',
    samples: {
      bad: [{ lang: 'typescript', code: `import vm from 'node:vm';\nexport function render(req: any, res: any) {\n  const tpl = req.body.template;\n  res.send(vm.runInNewContext(tpl, { user: 'x' }));\n}\n` }],
      good: [{ lang: 'typescript', code: `import vm from 'node:vm';\nexport function render(req: any, res: any) {\n  const name = String(req.body.name).length;\n  res.send(vm.runInNewContext('user.toUpperCase()', { user: 'x' }) + name);\n}\n` }],
    },
  },
  'code',
  (call) => (VM.test(call.name) ? [call.args[0]] : undefined),
);
