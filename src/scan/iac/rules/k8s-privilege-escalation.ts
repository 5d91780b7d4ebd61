import type { K8sRule } from '../rule.js';
import { deployment, HARDENED, HARDENED_POD } from './k8s-samples.js';

export const rule: K8sRule = {
  id: 'iac.k8s-privilege-escalation',
  kind: 'k8s',
  title: 'allowPrivilegeEscalation is not false',
  severity: 'medium',
  cwe: 'CWE-269',
  refs: { kubeLinter: 'privilege-escalation-container', trivy: 'KSV001' },
  remediation: 'Set securityContext.allowPrivilegeEscalation: false on every container.',
  samples: {
    bad: [deployment(HARDENED.replace('allowPrivilegeEscalation: false', 'allowPrivilegeEscalation: true'), HARDENED_POD), deployment(HARDENED.replace('  allowPrivilegeEscalation: false\n', ''), HARDENED_POD)],
    good: [deployment(HARDENED, HARDENED_POD)],
  },
  check(w, report) {
    for (const c of w.containers) if (c.c.securityContext?.allowPrivilegeEscalation !== false) report([...c.path, 'securityContext', 'allowPrivilegeEscalation'], `Container ${c.name} may escalate privileges`);
  },
};
