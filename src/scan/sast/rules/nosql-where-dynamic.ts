import type { SyntaxNode } from '../parser.js';
import { OWASP, type RuleContext, type SastRule } from '../rule.js';

const SERVER_JS_KEYS = new Set(['$where', '$function', '$accumulator']);

/**
 * MongoDB server-side JavaScript (`$where`, `$function`, `$accumulator`) assembled from values that are not
 * constants, wherever they come from. The taint rule (sast.nosql-injection) sees request data that reaches the
 * selector in the same file; this one catches the data-access layer on its own — a DAO method that pastes its
 * parameter into `$where`, called with request data from a route in another file (NodeGoat's A1-2).
 */
export const rule: SastRule = {
  id: 'sast.nosql-where-dynamic',
  title: 'MongoDB $where / $function code built from a variable',
  severity: 'medium',
  cwe: 'CWE-943',
  owasp: OWASP.A03,
  families: ['js', 'py'],
  likelihood: 'medium',
  remediation: 'Express the condition with query operators ({ stocks: { $gt: Number(threshold) } }) instead of JavaScript; $where runs code on the database server and is deprecated.',
  samples: {
    bad: [
      { lang: 'javascript', code: 'function byThreshold(col, userId, threshold) {\n  return col.findOne({ $where: `this.userId == ${userId} && this.stocks > \'${threshold}\'` });\n}\n' },
      { lang: 'javascript', code: "function older(col, age) {\n  return col.find({ $where: 'this.age > ' + age });\n}\n" },
      { lang: 'python', code: 'def by_name(col, name):\n    return col.find({"$where": f"this.name == \'{name}\'"})\n' },
      { lang: 'python', code: 'def by_name(col, name):\n    return col.find({"$where": "this.name == \'%s\'" % name})\n' },
    ],
    good: [
      { lang: 'javascript', code: "function active(col) {\n  return col.find({ $where: 'this.lastLogin > this.created' });\n}\n" },
      { lang: 'javascript', code: 'function byThreshold(col, userId, threshold) {\n  return col.findOne({ userId, stocks: { $gt: Number(threshold) } });\n}\n' },
      { lang: 'python', code: 'def active(col):\n    return col.find({"$where": "this.last_login > this.created"})\n' },
    ],
  },
  on: {
    pair(node, ctx) {
      check(node, ctx);
    },
  },
};

function check(pair: SyntaxNode, ctx: RuleContext): void {
  const key = pair.childForFieldName('key');
  const value = pair.childForFieldName('value');
  if (!key || !value) return;
  if (!SERVER_JS_KEYS.has(ctx.str(key) ?? key.text)) return;
  if (ctx.literal(value) || ctx.constText(value) !== undefined) return;
  if (!/^(?:template_string|binary_expression|binary_operator|string|concatenated_string|call)$/.test(value.type)) return;
  // Request data in the same file is the taint rule's finding (high); one finding per place.
  if (ctx.tainted(value, 'sql')) return;
  ctx.report(pair, `${ctx.str(key) ?? key.text} code built from a variable: whoever controls it runs JavaScript on the database server`);
}
