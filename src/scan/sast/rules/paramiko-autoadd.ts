import { OWASP, type SastRule } from '../rule.js';

export const rule: SastRule = {
  id: 'sast.paramiko-autoadd',
  title: 'SSH client accepts unknown host keys (AutoAddPolicy)',
  severity: 'medium',
  cwe: 'CWE-295',
  owasp: OWASP.A07,
  bandit: 'B507',
  families: ['js', 'py'],
  remediation: 'Load known hosts and use RejectPolicy; in Node ssh2 pass hostVerifier that checks the key fingerprint.',
  samples: {
    bad: [
      { lang: 'python', code: `import paramiko\n\ndef connect(host):\n    client = paramiko.SSHClient()\n    client.set_missing_host_key_policy(paramiko.AutoAddPolicy())\n    client.connect(host)\n` },
      { lang: 'javascript', code: `const { Client } = require('ssh2');\nnew Client().connect({ host, username: 'deploy', hostVerifier: () => true });\n` },
    ],
    good: [
      { lang: 'python', code: `import paramiko\n\ndef connect(host):\n    client = paramiko.SSHClient()\n    client.load_system_host_keys()\n    client.set_missing_host_key_policy(paramiko.RejectPolicy())\n    client.connect(host)\n` },
      { lang: 'javascript', code: `const { Client } = require('ssh2');\nnew Client().connect({ host, username: 'deploy', hostVerifier: (key) => key === PINNED });\n` },
    ],
  },
  onCall(call, ctx) {
    if (call.last === 'set_missing_host_key_policy' && /(?:AutoAddPolicy|WarningPolicy)$/.test(ctx.name(call.args[0]).replace(/\(\)$/, ''))) ctx.report(call.node);
  },
  on: {
    pair(node, ctx) {
      if (node.childForFieldName('key')?.text === 'hostVerifier' && /=>\s*true\s*$/.test(node.childForFieldName('value')?.text ?? '')) ctx.report(node);
    },
  },
};
