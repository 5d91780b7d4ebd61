/**
 * Kubernetes manifests for the reference service: Deployment (3 replicas, probes, resources, a hardened
 * security context), a Service and a headless Service (Prometheus finds each pod by DNS, no RBAC),
 * PodDisruptionBudget, HorizontalPodAutoscaler, ServiceAccount and its settings ConfigMap.
 * Kept apart from the load Job other tooling writes: these run the service, not a test.
 */
import { PORT, REFERENCE_NAME, referenceImage } from './images.js';

export const NAMESPACE = 'gonogo-demo';
export const HEADLESS = `${REFERENCE_NAME}-pods`;

type Manifest = Record<string, unknown>;

const meta = (name: string, component = REFERENCE_NAME) => ({ name, namespace: NAMESPACE, labels: { 'app.kubernetes.io/name': component, 'app.kubernetes.io/part-of': 'gonogo' } });

/** A container that may not become root, write its image or keep capabilities. */
export function hardenedContainer(uid: number): Record<string, unknown> {
  return { runAsNonRoot: true, runAsUser: uid, runAsGroup: uid, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, privileged: false, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } };
}

export function podSecurity(uid: number): Record<string, unknown> {
  return { runAsNonRoot: true, runAsUser: uid, runAsGroup: uid, fsGroup: uid, seccompProfile: { type: 'RuntimeDefault' } };
}

export function serviceAccount(name: string): Manifest {
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(name, name), automountServiceAccountToken: false };
}

export function referenceManifests(version: string): Manifest[] {
  const selector = { 'app.kubernetes.io/name': REFERENCE_NAME };
  const httpGet = (path: string) => ({ httpGet: { path, port: 'http' } });
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE, labels: { 'app.kubernetes.io/part-of': 'gonogo', 'pod-security.kubernetes.io/enforce': 'restricted' } } },
    serviceAccount(REFERENCE_NAME),
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: meta(`${REFERENCE_NAME}-settings`),
      // Knobs of the reference service (docs/demo-target.md); all zero: no injected latency or errors.
      data: { LATENCY_MS: '0', ERROR_RATE: '0', TASK_CONCURRENCY: '4' },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: meta(REFERENCE_NAME),
      spec: {
        replicas: 3,
        revisionHistoryLimit: 5,
        selector: { matchLabels: selector },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
        template: {
          metadata: { labels: { ...selector, 'app.kubernetes.io/part-of': 'gonogo' } },
          spec: {
            serviceAccountName: REFERENCE_NAME,
            automountServiceAccountToken: false,
            securityContext: podSecurity(1000),
            terminationGracePeriodSeconds: 30,
            topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: selector } }],
            containers: [
              {
                name: 'demo',
                image: referenceImage(version),
                imagePullPolicy: 'IfNotPresent',
                args: ['demo-target', '--host', '0.0.0.0', '--port', String(PORT), '--data', '/data', '--latency', '$(LATENCY_MS)', '--error-rate', '$(ERROR_RATE)', '--task-concurrency', '$(TASK_CONCURRENCY)'],
                command: ['gonogo'],
                envFrom: [{ configMapRef: { name: `${REFERENCE_NAME}-settings` } }],
                ports: [{ name: 'http', containerPort: PORT, protocol: 'TCP' }],
                readinessProbe: { ...httpGet('/health/ready'), periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 3 },
                livenessProbe: { ...httpGet('/health/live'), periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 3 },
                startupProbe: { ...httpGet('/health/live'), periodSeconds: 2, failureThreshold: 30 },
                resources: { requests: { cpu: '250m', memory: '128Mi' }, limits: { cpu: '1', memory: '256Mi' } },
                securityContext: hardenedContainer(1000),
                volumeMounts: [{ name: 'data', mountPath: '/data' }, { name: 'tmp', mountPath: '/tmp' }],
              },
            ],
            volumes: [{ name: 'data', emptyDir: {} }, { name: 'tmp', emptyDir: {} }],
          },
        },
      },
    },
    { apiVersion: 'v1', kind: 'Service', metadata: meta(REFERENCE_NAME), spec: { selector, ports: [{ name: 'http', port: PORT, targetPort: 'http' }] } },
    { apiVersion: 'v1', kind: 'Service', metadata: meta(HEADLESS), spec: { clusterIP: 'None', selector, ports: [{ name: 'http', port: PORT, targetPort: 'http' }] } },
    { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: meta(REFERENCE_NAME), spec: { minAvailable: 2, selector: { matchLabels: selector } } },
    {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: meta(REFERENCE_NAME),
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: REFERENCE_NAME },
        minReplicas: 3,
        maxReplicas: 10,
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
      },
    },
  ];
}
