import type { ComposeRule } from '../rule.js';

export const rule: ComposeRule = {
  id: 'iac.compose-docker-socket',
  kind: 'compose',
  title: 'Docker socket mounted into a service (root on the host)',
  severity: 'critical',
  cwe: 'CWE-250',
  refs: { trivy: 'KSV006 (Kubernetes equivalent)', kubeLinter: 'docker-sock (Kubernetes equivalent)' },
  remediation: 'Do not mount /var/run/docker.sock; use a socket proxy that allows only the API calls needed, or rootless tooling.',
  samples: {
    bad: ['services:\n  ci:\n    image: example/runner:3\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n'],
    good: ['services:\n  ci:\n    image: example/runner:3\n    volumes:\n      - ./work:/work:ro\n'],
  },
  check(svc, _name, report) {
    const vols = Array.isArray(svc.volumes) ? svc.volumes : [];
    vols.forEach((v: unknown, i: number) => {
      const src = typeof v === 'string' ? v.split(':')[0] : (v as { source?: string } | null)?.source;
      if (typeof src === 'string' && /docker\.sock$/.test(src)) report(['volumes', i]);
    });
  },
};
