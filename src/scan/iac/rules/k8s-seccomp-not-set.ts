import type { K8sRule } from '../rule.js';
import { deployment, HARDENED, HARDENED_POD } from './k8s-samples.js';

/** Legacy annotation values that name a real profile (`unconfined` is the Unconfined rule's; anything else is no profile). */
const NAMED_PROFILE = /^(?:runtime\/default|docker\/default|localhost\/.+)$/;

export const rule: K8sRule = {
  id: 'iac.k8s-seccomp-not-set',
  kind: 'k8s',
  title: 'No seccomp profile (the container runs with every syscall allowed)',
  severity: 'low',
  cwe: 'CWE-693',
  refs: { trivy: 'KSV030' },
  remediation: 'Set securityContext.seccompProfile.type: RuntimeDefault at pod level (the Pod Security Standards\' "restricted" profile requires it).',
  samples: {
    bad: [
      deployment(HARDENED, 'serviceAccountName: web'),
      // The legacy annotation with a value that names no profile.
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n  annotations:\n    seccomp.security.alpha.kubernetes.io/pod: runtime/defualt\nspec:\n  containers:\n    - name: api\n      image: registry.example.com/api:2.0.1\n',
    ],
    good: [
      deployment(HARDENED, HARDENED_POD),
      deployment(HARDENED.replace('runAsNonRoot: true', 'runAsNonRoot: true\n  seccompProfile:\n    type: Localhost\n    localhostProfile: profiles/web.json'), 'serviceAccountName: web'),
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n  annotations:\n    seccomp.security.alpha.kubernetes.io/pod: runtime/default\nspec:\n  containers:\n    - name: api\n      image: registry.example.com/api:2.0.1\n',
      // Unconfined is set, not missing: iac.k8s-seccomp-unconfined reports it.
      deployment(HARDENED, HARDENED_POD.replace('RuntimeDefault', 'Unconfined')),
    ],
  },
  check(w, report) {
    const annotations = podAnnotations(w.doc.value, w.podPath);
    const podLevel = w.pod.securityContext?.seccompProfile?.type !== undefined || named(annotations['seccomp.security.alpha.kubernetes.io/pod']);
    if (podLevel) return;
    const bare = w.containers.filter((c) => c.c.securityContext?.seccompProfile?.type === undefined && !named(annotations[`container.seccomp.security.alpha.kubernetes.io/${c.name}`]));
    if (bare.length > 0) report([...w.podPath], `No seccomp profile for ${bare.map((c) => c.name).join(', ')} (neither at pod nor container level)`);
  },
};

function named(v: unknown): boolean {
  return typeof v === 'string' && NAMED_PROFILE.test(v);
}

/** The pod's annotations: the object's own for a Pod, the pod template's for a workload. */
function podAnnotations(value: unknown, podPath: readonly (string | number)[]): Record<string, unknown> {
  const metaPath = [...podPath.slice(0, -1), 'metadata', 'annotations'];
  const own = metaPath.reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string | number, unknown>)[k] : undefined), value);
  return own && typeof own === 'object' ? (own as Record<string, unknown>) : {};
}
