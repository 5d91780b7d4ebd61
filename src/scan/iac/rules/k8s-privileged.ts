import type { K8sRule } from '../rule.js';
import { deployment, HARDENED, HARDENED_POD } from './k8s-samples.js';

export const rule: K8sRule = {
  id: 'iac.k8s-privileged',
  kind: 'k8s',
  title: 'Privileged container',
  severity: 'critical',
  cwe: 'CWE-250',
  refs: { kubeLinter: 'privileged-container', trivy: 'KSV017' },
  remediation: 'Remove securityContext.privileged: true; add only the capability the container needs.',
  samples: {
    bad: [
      deployment(HARDENED.replace('allowPrivilegeEscalation: false', 'allowPrivilegeEscalation: false\n  privileged: true'), HARDENED_POD),
      // A custom resource with the containers straight under spec (a Knative Revision).
      'apiVersion: serving.knative.dev/v1\nkind: Revision\nmetadata:\n  name: api-00001\nspec:\n  containers:\n    - name: api\n      image: registry.example.com/api:2.0.1\n      securityContext:\n        privileged: true\n',
    ],
    good: [deployment(HARDENED, HARDENED_POD), 'apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  ports:\n    - port: 80\n'],
  },
  check(w, report) {
    for (const c of w.containers) if (c.c.securityContext?.privileged === true) report([...c.path, 'securityContext', 'privileged'], `Container ${c.name} is privileged`);
  },
};
