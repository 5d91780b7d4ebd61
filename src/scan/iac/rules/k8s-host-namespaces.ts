import type { K8sRule } from '../rule.js';
import { deployment, HARDENED, HARDENED_POD } from './k8s-samples.js';

export const rule: K8sRule = {
  id: 'iac.k8s-host-namespaces',
  kind: 'k8s',
  title: 'Pod shares the host network, PID or IPC namespace',
  severity: 'high',
  cwe: 'CWE-653',
  refs: { kubeLinter: 'host-network, host-pid, host-ipc', trivy: 'KSV009, KSV010, KSV008' },
  remediation: 'Remove hostNetwork / hostPID / hostIPC; expose ports through a Service.',
  samples: {
    bad: [deployment(HARDENED, `${HARDENED_POD}\nhostNetwork: true\nhostPID: true`)],
    good: [deployment(HARDENED, `${HARDENED_POD}\nhostNetwork: false`)],
  },
  check(w, report) {
    for (const f of ['hostNetwork', 'hostPID', 'hostIPC']) if (w.pod[f] === true) report([...w.podPath, f], `${f}: true`);
  },
};
