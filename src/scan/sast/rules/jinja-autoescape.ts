import { OWASP, type SastRule } from '../rule.js';

export const rule: SastRule = {
  id: 'sast.jinja-autoescape',
  title: 'Jinja2 environment without autoescaping',
  severity: 'high',
  cwe: 'CWE-79',
  owasp: OWASP.A03,
  bandit: 'B701',
  families: ['py'],
  remediation: 'Create the Environment with autoescape=select_autoescape() (or True) so variables are HTML-escaped.',
  samples: {
    bad: [{ lang: 'python', code: `from jinja2 import Environment, FileSystemLoader\n\nenv = Environment(loader=FileSystemLoader("templates"))\n` }],
    good: [{ lang: 'python', code: `from jinja2 import Environment, FileSystemLoader, select_autoescape\n\nenv = Environment(loader=FileSystemLoader("templates"), autoescape=select_autoescape())\n` }],
  },
  onCall(call, ctx) {
    if (!/^jinja2\.(?:Environment|Template)$/.test(call.name)) return;
    const a = call.kw('autoescape');
    if (!a || a.type === 'false') ctx.report(call.node);
  },
};
