import { OWASP, type SastRule } from '../rule.js';
import { taintSinkRule } from '../taint-sinks.js';

export const rule: SastRule = taintSinkRule(
  {
    id: 'sast.js-eval',
    title: 'eval() or a string timer runs request data as code',
    severity: 'critical',
    cwe: 'CWE-95',
    owasp: OWASP.A03,
    eslint: 'detect-eval-with-expression',
    families: ['js'],
    remediation: 'Never evaluate input: parse it (JSON.parse, a small expression parser) or look the behaviour up in a map.',
    samples: {
      bad: [
        { lang: 'javascript', code: `const math = require('mathjs');\nconst safeEval = require('safe-eval');\napp.get('/sum', (req, res) => {\n  res.json({ v: math.evaluate(req.query.expr), w: safeEval(req.query.rule, { x: 1 }) });\n});\n` },
        { lang: 'javascript', code: `app.post('/calc', (req, res) => {\n  const expr = req.body.expr;\n  const result = eval('(' + expr + ')');\n  res.json({ result });\n});\n` },
        { lang: 'typescript', code: `export function schedule(req: any) {\n  const code: string = req.query.cb;\n  setTimeout(code, 100);\n}\n` },
      ],
      good: [{ lang: 'javascript', code: `const math = require('mathjs');\napp.get('/vat', (req, res) => {\n  const net = Number(req.query.net);\n  res.json({ gross: math.evaluate('net * 1.2', { net }) });\n});\n` }, { lang: 'javascript', code: `app.post('/calc', (req, res) => {\n  const data = JSON.parse(req.body.expr);\n  eval('1 + 1');\n  setTimeout(() => res.json(data), 100);\n});\n` }],
    },
  },
  'code',
  (call) => {
    if (call.name === 'eval' || call.name === 'window.eval' || call.name === 'globalThis.eval') return [call.args[0]];
    // "Safe" evaluators and expression languages still run what the request sends (sandbox escapes, mathjs RCEs).
    if (/^(?:safe-eval|notevil|static-eval|mathjs\.(?:eval|evaluate|compile))$/.test(call.name)) return [call.args[0]];
    if (/^(?:window\.)?(?:setTimeout|setInterval|setImmediate)$/.test(call.name) && call.args[0] && !/function|arrow/.test(call.args[0].type)) return [call.args[0]];
    return undefined;
  },
);
