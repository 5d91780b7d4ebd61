import type { K8sRule } from '../rule.js';
import { deployment, HARDENED, HARDENED_POD } from './k8s-samples.js';

export const rule: K8sRule = {
  id: 'iac.k8s-seccomp-unconfined',
  kind: 'k8s',
  title: 'Seccomp profile Unconfined',
  severity: 'medium',
  cwe: 'CWE-693',
  refs: { trivy: 'KSV104' },
  remediation: 'Use seccompProfile.type: RuntimeDefault (or a Localhost profile) at pod level.',
  samples: {
    bad: [deployment(HARDENED, HARDENED_POD.replace('RuntimeDefault', 'Unconfined')), deployment(HARDENED.replace('runAsNonRoot: true', 'runAsNonRoot: true\n  seccompProfile:\n    type: Unconfined'), HARDENED_POD)],
    good: [deployment(HARDENED, HARDENED_POD)],
  },
  check(w, report) {
    if (w.pod.securityContext?.seccompProfile?.type === 'Unconfined') report([...w.podPath, 'securityContext', 'seccompProfile', 'type'], 'Pod seccomp profile is Unconfined');
    for (const c of w.containers) {
      if (c.c.securityContext?.seccompProfile?.type === 'Unconfined') report([...c.path, 'securityContext', 'seccompProfile', 'type'], `Container ${c.name} seccomp profile is Unconfined`);
    }
    const ann = (w.doc.value as { metadata?: { annotations?: Record<string, string> } }).metadata?.annotations ?? {};
    for (const [k, v] of Object.entries(ann)) if (k.startsWith('seccomp.security.alpha.kubernetes.io') && v === 'unconfined') report(['metadata', 'annotations', k], 'Seccomp annotation is unconfined');
  },
};
