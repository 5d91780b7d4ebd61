import type { K8sRule } from '../rule.js';
import { deployment, HARDENED, HARDENED_POD } from './k8s-samples.js';

export const rule: K8sRule = {
  id: 'iac.k8s-default-service-account',
  kind: 'k8s',
  title: 'Pod uses the default service account',
  severity: 'low',
  cwe: 'CWE-250',
  refs: { kubeLinter: 'default-service-account', trivy: 'KSV036 (token mount, related)' },
  remediation: 'Give the workload its own ServiceAccount with least-privilege RBAC, or set automountServiceAccountToken: false.',
  samples: {
    bad: [deployment(HARDENED, HARDENED_POD.replace('serviceAccountName: web', 'serviceAccountName: default')), deployment(HARDENED, HARDENED_POD.replace('serviceAccountName: web\n', ''))],
    good: [deployment(HARDENED, HARDENED_POD), deployment(HARDENED, HARDENED_POD.replace('serviceAccountName: web', 'automountServiceAccountToken: false'))],
  },
  check(w, report) {
    const sa = w.pod.serviceAccountName ?? w.pod.serviceAccount;
    if (w.pod.automountServiceAccountToken === false) return;
    if (sa === undefined || sa === 'default') report([...w.podPath, ...(sa === undefined ? [] : ['serviceAccountName'])], 'Pod runs with the default service account and its token mounted');
  },
};
