import { OWASP, type SastRule } from '../rule.js';

export const rule: SastRule = {
  id: 'sast.node-tls-env',
  title: 'NODE_TLS_REJECT_UNAUTHORIZED=0 turns off certificate checks process-wide',
  severity: 'high',
  cwe: 'CWE-295',
  owasp: OWASP.A07,
  families: ['js'],
  remediation: 'Remove the assignment; give Node the private CA with NODE_EXTRA_CA_CERTS or the `ca` option.',
  samples: {
    bad: [{ lang: 'typescript', code: `export function setup(): void {\n  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';\n}\n` }],
    good: [{ lang: 'typescript', code: `export function setup(): void {\n  process.env.NODE_EXTRA_CA_CERTS = '/etc/ssl/internal-ca.pem';\n  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '1';\n}\n` }],
  },
  on: {
    assignment_expression(node, ctx) {
      const left = ctx.name(node.childForFieldName('left'));
      if (!/NODE_TLS_REJECT_UNAUTHORIZED$/.test(left)) return;
      const v = node.childForFieldName('right');
      if (ctx.str(v) === '0' || v?.text === '0') ctx.report(node);
    },
  },
};
