import type { K8sRule } from '../rule.js';
import { deployment, HARDENED, HARDENED_POD } from './k8s-samples.js';

export const rule: K8sRule = {
  id: 'iac.k8s-writable-root-fs',
  kind: 'k8s',
  title: 'Root filesystem is writable (readOnlyRootFilesystem not true)',
  severity: 'low',
  cwe: 'CWE-732',
  refs: { kubeLinter: 'no-read-only-root-fs', trivy: 'KSV014' },
  remediation: 'Set readOnlyRootFilesystem: true and mount an emptyDir where the app must write (e.g. /tmp).',
  samples: {
    bad: [deployment(HARDENED.replace('readOnlyRootFilesystem: true', 'readOnlyRootFilesystem: false'), HARDENED_POD)],
    good: [deployment(HARDENED, HARDENED_POD)],
  },
  check(w, report) {
    for (const c of w.containers) if (c.c.securityContext?.readOnlyRootFilesystem !== true) report([...c.path, 'securityContext', 'readOnlyRootFilesystem'], `Container ${c.name} has a writable root filesystem`);
  },
};
