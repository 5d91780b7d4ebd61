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
    bad: [
      { lang: 'python', code: `import aiohttp_jinja2\nimport jinja2\n\naiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader('templates'), autoescape=False)\n` },{ lang: 'python', code: `from jinja2 import Environment, FileSystemLoader\n\nenv = Environment(loader=FileSystemLoader("templates"))\n` }],
    good: [
      { lang: 'python', code: `import aiohttp_jinja2\nimport jinja2\n\naiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader('templates'))\n` },{ lang: 'python', code: `from jinja2 import Environment, FileSystemLoader, select_autoescape\n\nenv = Environment(loader=FileSystemLoader("templates"), autoescape=select_autoescape())\n` }],
  },
  onCall(call, ctx) {
    // aiohttp_jinja2.setup(app, loader=..., autoescape=False) passes its keywords to the Environment it builds.
    if (/^aiohttp_jinja2\.setup$/.test(call.name)) {
      if (call.kw('autoescape')?.type === 'false') ctx.report(call.node);
      return;
    }
    if (!/^jinja2\.(?:Environment|Template)$/.test(call.name)) return;
    const a = call.kw('autoescape');
    if (!a || a.type === 'false') ctx.report(call.node);
  },
};
