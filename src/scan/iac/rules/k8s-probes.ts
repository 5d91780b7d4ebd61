import { isBatch } from '../k8s-workloads.js';
import type { K8sRule } from '../rule.js';
import { deployment, HARDENED, HARDENED_POD } from './k8s-samples.js';

export const rule: K8sRule = {
  id: 'iac.k8s-probes',
  kind: 'k8s',
  title: 'Container without liveness or readiness probe',
  severity: 'low',
  cwe: 'CWE-754',
  refs: { kubeLinter: 'no-liveness-probe, no-readiness-probe' },
  remediation: 'Add a readinessProbe (traffic only when ready) and a livenessProbe (restart when hung).',
  samples: {
    bad: [deployment(HARDENED.replace(/livenessProbe:\n.*\n/, ''), HARDENED_POD)],
    good: [deployment(HARDENED, HARDENED_POD), deployment(HARDENED.replace(/livenessProbe:\n.*\nreadinessProbe:\n.*/, ''), `${HARDENED_POD}\nrestartPolicy: OnFailure`, 'Job').replace('apps/v1', 'batch/v1')],
  },
  check(w, report) {
    if (isBatch(w)) return;
    for (const c of w.containers) {
      if (c.init) continue;
      const missing = ['livenessProbe', 'readinessProbe'].filter((p) => !c.c[p]);
      if (missing.length > 0) report(c.path, `Container ${c.name} has no ${missing.join(' or ')}`);
    }
  },
};
