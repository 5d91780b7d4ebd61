import { OWASP, type SastRule } from '../rule.js';
import { dangerous } from './dom-xss-inner-html.js';

export const rule: SastRule = {
  id: 'sast.react-dangerous-html',
  title: 'dangerouslySetInnerHTML with unsanitized data',
  severity: 'high',
  cwe: 'CWE-79',
  owasp: OWASP.A03,
  families: ['js'],
  remediation: 'Render text as children (React escapes it); if HTML is required, sanitize with DOMPurify.sanitize first.',
  samples: {
    bad: [{ lang: 'tsx', code: `export function Comment() {\n  const html = window.location.hash.slice(1);\n  return <div className="c" dangerouslySetInnerHTML={{ __html: html }} />;\n}\n` }],
    good: [{ lang: 'tsx', code: `import DOMPurify from 'dompurify';\nexport function Comment() {\n  const html = window.location.hash.slice(1);\n  return <div><div dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(html) }} /><p>{html}</p></div>;\n}\n` }],
  },
  on: {
    jsx_attribute(node, ctx) {
      const [name, value] = node.namedChildren;
      if (name?.text !== 'dangerouslySetInnerHTML' || !value) return;
      const obj = value.namedChildren.find((c) => c?.type === 'object');
      const html = ctx.prop(obj, '__html');
      if (dangerous(html, ctx)) ctx.report(node);
    },
  },
};
