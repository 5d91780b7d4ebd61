import { OWASP, type SastRule } from '../rule.js';
import { dangerous } from './dom-xss-inner-html.js';

export const rule: SastRule = {
  id: 'sast.document-write',
  title: 'document.write with unsanitized data',
  severity: 'high',
  cwe: 'CWE-79',
  owasp: OWASP.A03,
  families: ['js'],
  remediation: 'Do not use document.write; create elements and set textContent.',
  samples: {
    bad: [{ lang: 'javascript', code: `const ref = document.referrer;\ndocument.write('<a href="' + ref + '">back</a>');\n` }],
    good: [{ lang: 'javascript', code: `const ref = document.referrer;\nconst a = document.createElement('a');\na.textContent = ref;\ndocument.write('<p>loading</p>');\n` }],
  },
  onCall(call, ctx) {
    if (/^document\.(?:write|writeln)$/.test(call.name) && call.args.some((a) => dangerous(a, ctx))) ctx.report(call.node);
  },
};
