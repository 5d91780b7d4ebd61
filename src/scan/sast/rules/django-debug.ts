import { OWASP, type SastRule } from '../rule.js';

export const rule: SastRule = {
  id: 'sast.django-debug',
  title: 'Django settings with DEBUG = True',
  severity: 'high',
  cwe: 'CWE-489',
  owasp: OWASP.A05,
  families: ['py'],
  remediation: 'Set DEBUG from the environment and keep it False in production; debug pages leak settings, SQL and stack traces.',
  samples: {
    bad: [{ lang: 'python', code: `SECRET_KEY = os.environ["SECRET_KEY"]\nDEBUG = True\nALLOWED_HOSTS = ["*"]\nINSTALLED_APPS = ["django.contrib.admin"]\n` }],
    good: [{ lang: 'python', code: `import os\n\nDEBUG = os.environ.get("DJANGO_DEBUG") == "1"\nALLOWED_HOSTS = ["shop.example.com"]\nINSTALLED_APPS = ["django.contrib.admin"]\n` }],
  },
  on: {
    assignment(node, ctx) {
      // Module level only: a settings file.
      if (node.parent?.type !== 'expression_statement' || node.parent.parent?.type !== 'module') return;
      if (node.childForFieldName('left')?.text === 'DEBUG' && node.childForFieldName('right')?.type === 'true') ctx.report(node);
    },
  },
};
