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
    // A custom resource that embeds a pod template (here an Argo Rollout) is read like a Deployment.
    bad: [deployment(HARDENED, `${HARDENED_POD}\nhostNetwork: true\nhostPID: true`), deployment(HARDENED, `${HARDENED_POD}\nhostIPC: true`, 'Rollout'),
      // A DeploymentConfig whose template names no containers (a base that an overlay fills in) still shares the host network.
      'apiVersion: apps.openshift.io/v1\nkind: DeploymentConfig\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      hostNetwork: true\n'],
    good: [deployment(HARDENED, `${HARDENED_POD}\nhostNetwork: false`), deployment(HARDENED, HARDENED_POD, 'Rollout'), deployment(HARDENED, `${HARDENED_POD}\nhostNetwork: false`, 'DeploymentConfig')],
  },
  check(w, report) {
    for (const f of ['hostNetwork', 'hostPID', 'hostIPC']) if (w.pod[f] === true) report([...w.podPath, f], `${f}: true`);
  },
};
