/** Builds sample manifests for the k8s rules: a Deployment with one container, the given container and pod fields. */
export function deployment(container: string, pod = '', kind = 'Deployment'): string {
  const indent = (s: string, n: number) => s.split('\n').filter((l) => l !== '').map((l) => ' '.repeat(n) + l).join('\n');
  const podBlock = `${pod ? `${indent(pod, 6)}\n` : ''}      containers:\n        - name: web\n          image: registry.example.com/web:1.4.2\n${indent(container, 10)}\n`;
  return `apiVersion: apps/v1\nkind: ${kind}\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n${podBlock}`;
}

/** Container fields that satisfy every k8s rule; samples vary one thing at a time. */
export const HARDENED = `securityContext:
  allowPrivilegeEscalation: false
  readOnlyRootFilesystem: true
  runAsNonRoot: true
  capabilities:
    drop: ["ALL"]
resources:
  requests: { cpu: 100m, memory: 128Mi }
  limits: { cpu: 500m, memory: 256Mi }
livenessProbe:
  httpGet: { path: /healthz, port: 8080 }
readinessProbe:
  httpGet: { path: /ready, port: 8080 }`;

export const HARDENED_POD = `serviceAccountName: web
securityContext:
  seccompProfile:
    type: RuntimeDefault`;
