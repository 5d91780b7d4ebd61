import type { DockerfileRule } from '../rule.js';

export const rule: DockerfileRule = {
  id: 'iac.dockerfile-expose-ssh',
  kind: 'dockerfile',
  title: 'Port 22 (SSH) exposed',
  severity: 'medium',
  cwe: 'CWE-284',
  refs: { trivy: 'DS004' },
  remediation: 'Do not run sshd in application containers; use docker exec / kubectl exec for access.',
  samples: {
    bad: ['FROM debian:12\nEXPOSE 80 22/tcp\nUSER 1000\n'],
    good: ['FROM debian:12\nEXPOSE 80 443 2222\nUSER 1000\n'],
  },
  check(df, report) {
    for (const ins of df.getInstructions()) {
      if (ins.getKeyword() === 'EXPOSE' && ins.getArguments().some((a) => /^22(?:\/tcp)?$/.test(a.getValue()))) report(ins.getRange().start.line);
    }
  },
};
