import type { K8sRule } from '../rule.js';
import { deployment, HARDENED, HARDENED_POD } from './k8s-samples.js';

export const rule: K8sRule = {
  id: 'iac.k8s-host-path',
  kind: 'k8s',
  title: 'hostPath volume mounts a host directory',
  severity: 'high',
  cwe: 'CWE-668',
  refs: { kubeLinter: 'sensitive-host-mounts, docker-sock', trivy: 'KSV023' },
  remediation: 'Use emptyDir, a PersistentVolumeClaim, a ConfigMap or a Secret instead of hostPath.',
  samples: {
    bad: [deployment(HARDENED, `${HARDENED_POD}\nvolumes:\n  - name: docker\n    hostPath:\n      path: /var/run/docker.sock`)],
    good: [deployment(HARDENED, `${HARDENED_POD}\nvolumes:\n  - name: cache\n    emptyDir: {}`)],
  },
  check(w, report) {
    const vols = Array.isArray(w.pod.volumes) ? w.pod.volumes : [];
    vols.forEach((v: { name?: string; hostPath?: { path?: string } }, i: number) => {
      if (v?.hostPath) report([...w.podPath, 'volumes', i, 'hostPath'], `Volume ${v.name ?? i} mounts host path ${v.hostPath.path ?? '?'}`);
    });
  },
};
