import type { ComposeRule } from '../rule.js';

export const rule: ComposeRule = {
  id: 'iac.compose-privileged',
  kind: 'compose',
  title: 'Service runs privileged',
  severity: 'critical',
  cwe: 'CWE-250',
  refs: { trivy: 'KSV017 (Kubernetes equivalent)', kubeLinter: 'privileged-container (Kubernetes equivalent)' },
  remediation: 'Remove privileged: true; grant the one capability or device the service needs (cap_add, devices).',
  samples: {
    bad: ['services:\n  agent:\n    image: example/agent:1.4\n    privileged: true\n'],
    good: ['services:\n  agent:\n    image: example/agent:1.4\n    privileged: false\n    read_only: true\n'],
  },
  check(svc, _name, report) {
    if (svc.privileged === true) report(['privileged']);
  },
};
