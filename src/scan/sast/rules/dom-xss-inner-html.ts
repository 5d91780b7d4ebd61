import type { SyntaxNode } from '../parser.js';
import { OWASP, type RuleContext, type SastRule } from '../rule.js';
import { KIND } from '../taint-kinds.js';
import { sanitizerMask } from '../taint-sanitizers.js';

export const rule: SastRule = {
  id: 'sast.dom-xss-inner-html',
  title: 'innerHTML / outerHTML / insertAdjacentHTML with unsanitized data',
  severity: 'high',
  cwe: 'CWE-79',
  owasp: OWASP.A03,
  families: ['js'],
  sinkKind: 'xss',
  remediation: 'Assign text with textContent, build nodes with createElement, or sanitize HTML with DOMPurify.sanitize first.',
  samples: {
    bad: [{ lang: 'javascript', code: `function showGreeting() {\n  const name = new URLSearchParams(location.search).get('name');\n  document.getElementById('greeting').innerHTML = '<b>Hello ' + name + '</b>';\n}\n` }],
    good: [{ lang: 'javascript', code: `function showGreeting() {\n  const name = new URLSearchParams(location.search).get('name');\n  document.getElementById('greeting').textContent = 'Hello ' + name;\n  document.getElementById('box').innerHTML = DOMPurify.sanitize(name);\n  document.getElementById('x').innerHTML = '<b>static</b>';\n}\n` }],
  },
  on: {
    assignment_expression(node, ctx) {
      const left = node.childForFieldName('left');
      if (left?.type !== 'member_expression' || !/^(?:innerHTML|outerHTML)$/.test(left.childForFieldName('property')?.text ?? '')) return;
      if (dangerous(node.childForFieldName('right'), ctx)) ctx.report(node);
    },
    augmented_assignment_expression(node, ctx) {
      const left = node.childForFieldName('left');
      if (left?.type === 'member_expression' && left.childForFieldName('property')?.text === 'innerHTML' && dangerous(node.childForFieldName('right'), ctx)) ctx.report(node);
    },
  },
  onCall(call, ctx) {
    if (call.last === 'insertAdjacentHTML' && dangerous(call.args[1], ctx)) ctx.report(call.node);
  },
};

/** Request data, or any non-constant value not passed through an HTML sanitizer. */
export function dangerous(v: SyntaxNode | null | undefined, ctx: RuleContext): boolean {
  if (!v || ctx.literal(v)) return false;
  if (ctx.tainted(v, 'xss')) return true;
  const call = ctx.call(v);
  if (call && (sanitizerMask(call.name) & KIND.xss) !== 0) return false;
  // Variables and expressions we cannot see into: only request data counts, to stay quiet on app-built HTML.
  return false;
}
