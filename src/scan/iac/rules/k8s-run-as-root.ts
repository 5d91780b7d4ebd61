import type { K8sRule } from '../rule.js';
import { deployment, HARDENED, HARDENED_POD } from './k8s-samples.js';

export const rule: K8sRule = {
  id: 'iac.k8s-run-as-root',
  kind: 'k8s',
  title: 'Container may run as root (runAsNonRoot not set, runAsUser 0, or runAsGroup 0)',
  severity: 'high',
  cwe: 'CWE-250',
  refs: { kubeLinter: 'run-as-non-root', trivy: 'KSV012, KSV020' },
  remediation: 'Set runAsNonRoot: true (pod or container securityContext) and a non-zero runAsUser.',
  samples: {
    bad: [deployment(HARDENED.replace('runAsNonRoot: true', 'runAsNonRoot: true\n  runAsGroup: 0'), HARDENED_POD), deployment(HARDENED.replace('  runAsNonRoot: true\n', ''), HARDENED_POD), deployment(HARDENED.replace('runAsNonRoot: true', 'runAsUser: 0'), HARDENED_POD)],
    good: [deployment(HARDENED, HARDENED_POD), deployment(HARDENED.replace('  runAsNonRoot: true\n', ''), `${HARDENED_POD}\n  runAsNonRoot: true\n  runAsUser: 10001`)],
  },
  check(w, report) {
    const pod = w.pod.securityContext ?? {};
    for (const c of w.containers) {
      const sc = c.c.securityContext ?? {};
      const user = sc.runAsUser ?? pod.runAsUser;
      const nonRoot = sc.runAsNonRoot ?? pod.runAsNonRoot;
      const group = sc.runAsGroup ?? pod.runAsGroup;
      // GID 0 gives the process root's group: write access to whatever root's group can write (kube-linter run-as-non-root, checkov CKV_K8S_40-style).
      if (group === 0) report([...c.path, 'securityContext', 'runAsGroup'], `Container ${c.name} runs with GID 0 (runAsGroup: 0)`);
      if (user === 0) report([...c.path, 'securityContext', 'runAsUser'], `Container ${c.name} runs as UID 0`);
      else if (nonRoot !== true && !(typeof user === 'number' && user > 0)) report([...c.path, 'securityContext'], `Container ${c.name} does not set runAsNonRoot: true`);
    }
  },
};
