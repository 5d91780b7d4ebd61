import type { ComposeRule } from '../rule.js';

export const rule: ComposeRule = {
  id: 'iac.compose-host-namespaces',
  kind: 'compose',
  title: 'Service shares the host network, PID or IPC namespace',
  severity: 'high',
  cwe: 'CWE-653',
  refs: { trivy: 'KSV008, KSV009, KSV010 (Kubernetes equivalents)', kubeLinter: 'host-network, host-pid, host-ipc (Kubernetes equivalents)' },
  remediation: 'Use the default bridge network with published ports, and the container\'s own PID/IPC namespaces.',
  samples: {
    bad: ['services:\n  web:\n    image: nginx:1.27\n    network_mode: host\n  monitor:\n    image: example/top:2\n    pid: host\n'],
    good: ['services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n'],
  },
  check(svc, _name, report) {
    if (svc.network_mode === 'host') report(['network_mode'], 'Service uses the host network');
    if (svc.pid === 'host') report(['pid'], 'Service shares the host PID namespace');
    if (svc.ipc === 'host') report(['ipc'], 'Service shares the host IPC namespace');
  },
};
