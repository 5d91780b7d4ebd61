import { OWASP, type SastRule } from '../rule.js';
import { taintSinkRule } from '../taint-sinks.js';

const VM = /^vm\.(?:runInNewContext|runInThisContext|runInContext|compileFunction|Script)$|^(?:vm2\.)?(?:VM|NodeVM)\.run$/;

const NEW_CONTEXT = /^vm\.run(?:InNewContext|InContext)$/;

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
      bad: [{ lang: 'javascript', code: `const vm = require('vm');\napp.get('/', (req, res) => {\n  const sandbox = { order: req.query.order };\n  vm.createContext(sandbox);\n  res.send(vm.runInContext('total(order)', sandbox));\n});\n` }, { lang: 'typescript', code: `import vm from 'node:vm';\nexport function render(req: any, res: any) {\n  const tpl = req.body.template;\n  res.send(vm.runInNewContext(tpl, { user: 'x' }));\n}\n` }],
      good: [{ lang: 'typescript', code: `import vm from 'node:vm';\nexport function render(req: any, res: any) {\n  const name = String(req.body.name).length;\n  res.send(vm.runInNewContext('user.toUpperCase()', { user: 'x' }) + name);\n}\n` }],
    },
  },
  'code',
  (call, ctx) => {
    // A context (sandbox) object filled from the request: its values are reachable by the code run in it. It is
    // reported where code runs in it (runInContext / runInNewContext / compileFunction's parsingContext).
    if (NEW_CONTEXT.test(call.name)) return [call.args[0], call.args[1]];
    if (call.name === 'vm.compileFunction') return [call.args[0], ctx.prop(call.args[2], 'parsingContext')];
    return VM.test(call.name) ? [call.args[0]] : undefined;
  },
);
