import type { SyntaxNode } from '../parser.js';
import { OWASP, type RuleContext, type SastRule } from '../rule.js';

const SECRET = /(?:token|secret|signature|hmac|digest|api_?key|apikey|password_hash|passwordhash|mac)$/i;

export const rule: SastRule = {
  id: 'sast.timing-unsafe-compare',
  title: 'Secret compared with == (timing attack)',
  severity: 'low',
  cwe: 'CWE-208',
  owasp: OWASP.A02,
  eslint: 'detect-possible-timing-attacks',
  families: ['js', 'py'],
  remediation: 'Compare secrets in constant time: hmac.compare_digest (Python), crypto.timingSafeEqual (Node).',
  samples: {
    bad: [
      { lang: 'python', code: `def check(request, expected_signature):\n    signature = request.headers.get("X-Signature")\n    if signature == expected_signature:\n        return True\n    return False\n` },
      { lang: 'javascript', code: `function check(req) {\n  const token = req.get('x-token');\n  if (token === process.env.API_TOKEN) return true;\n  return false;\n}\n` },
    ],
    good: [
      { lang: 'python', code: `import hmac\n\ndef check(request, expected_signature):\n    signature = request.headers.get("X-Signature", "")\n    if signature is None or signature == "":\n        return False\n    return hmac.compare_digest(signature, expected_signature)\n` },
      { lang: 'javascript', code: `const crypto = require('crypto');\nfunction check(req) {\n  const token = req.get('x-token');\n  if (token === undefined || token === '') return false;\n  return crypto.timingSafeEqual(Buffer.from(token), Buffer.from(process.env.API_TOKEN));\n}\n` },
    ],
  },
  on: {
    comparison_operator(node, ctx) {
      const ops = node.children.filter((c) => c !== null && !c.isNamed).map((c) => c!.text);
      const [a, b] = node.namedChildren;
      if (ops.length === 1 && (ops[0] === '==' || ops[0] === '!=') && a && b) check(node, a, b, ctx);
    },
    binary_expression(node, ctx) {
      const op = node.childForFieldName('operator')?.text;
      if (op !== '==' && op !== '===' && op !== '!=' && op !== '!==') return;
      const a = node.childForFieldName('left');
      const b = node.childForFieldName('right');
      if (a && b) check(node, a, b, ctx);
    },
  },
};

function check(node: SyntaxNode, a: SyntaxNode, b: SyntaxNode, ctx: RuleContext): void {
  if (ctx.literal(a) || ctx.literal(b) || /^(?:undefined|None|null)$/.test(a.text) || /^(?:undefined|None|null)$/.test(b.text)) return;
  const last = (n: SyntaxNode) => n.text.replace(/^.*[.[]/, '').replace(/[\]'"()]/g, '');
  if (SECRET.test(last(a)) || SECRET.test(last(b))) ctx.report(node);
}
