/**
 * The monitoring stack on Kubernetes: Prometheus, Alertmanager and Grafana, each a Deployment with its
 * files in a ConfigMap (keys flattened, mounted back at their paths with `items`), a Service and its
 * own ServiceAccount. Data lives in emptyDir: a quick start, not a long-term store.
 */
import type { KitFile } from '../monitoring/kit.js';
import { IMAGES } from './images.js';
import { NAMESPACE, hardenedContainer, podSecurity, serviceAccount } from './k8s.js';

type Manifest = Record<string, unknown>;

interface Component {
  readonly name: string;
  readonly image: string;
  readonly uid: number;
  readonly port: number;
  readonly args: readonly string[];
  /** Kit folder whose files this component reads, and where it mounts them. */
  readonly mounts: readonly { readonly prefix: string; readonly at: string }[];
  readonly dataDir: string;
  readonly health: { readonly ready: string; readonly live: string };
  readonly env?: readonly Record<string, unknown>[];
}

const COMPONENTS: readonly Component[] = [
  { name: 'prometheus', image: IMAGES.prometheus, uid: 65534, port: 9090, args: ['--config.file=/etc/prometheus/prometheus.yml', '--storage.tsdb.path=/prometheus', '--storage.tsdb.retention.time=7d'], mounts: [{ prefix: 'prometheus/', at: '/etc/prometheus' }], dataDir: '/prometheus', health: { ready: '/-/ready', live: '/-/healthy' } },
  { name: 'alertmanager', image: IMAGES.alertmanager, uid: 65534, port: 9093, args: ['--config.file=/etc/alertmanager/alertmanager.yml', '--storage.path=/alertmanager'], mounts: [{ prefix: 'alertmanager/', at: '/etc/alertmanager' }], dataDir: '/alertmanager', health: { ready: '/-/ready', live: '/-/healthy' } },
  {
    name: 'grafana',
    image: IMAGES.grafana,
    uid: 472,
    port: 3000,
    args: [],
    mounts: [{ prefix: 'grafana/provisioning/', at: '/etc/grafana/provisioning' }, { prefix: 'grafana/dashboards/', at: '/var/lib/grafana/dashboards' }],
    dataDir: '/var/lib/grafana',
    health: { ready: '/api/health', live: '/api/health' },
    env: [
      { name: 'GF_PATHS_PROVISIONING', value: '/etc/grafana/provisioning' },
      // Create it first: kubectl -n gonogo-demo create secret generic grafana-admin --from-literal=password=...
      { name: 'GF_SECURITY_ADMIN_PASSWORD', valueFrom: { secretKeyRef: { name: 'grafana-admin', key: 'password' } } },
    ],
  },
];

const meta = (name: string, component: string) => ({ name, namespace: NAMESPACE, labels: { 'app.kubernetes.io/name': component, 'app.kubernetes.io/part-of': 'gonogo' } });
const keyOf = (rel: string) => rel.replace(/\//g, '_');

export function monitoringManifests(files: readonly KitFile[]): Manifest[] {
  const out: Manifest[] = [];
  for (const c of COMPONENTS) {
    const volumes: Record<string, unknown>[] = [];
    const mounts: Record<string, unknown>[] = [];
    c.mounts.forEach((m, i) => {
      const own = files.filter((f) => f.path.startsWith(m.prefix) && !f.path.includes('/tests/'));
      const cm = `${c.name}-files${i ? `-${i}` : ''}`;
      const rel = (f: KitFile) => f.path.slice(m.prefix.length);
      out.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(cm, c.name), data: Object.fromEntries(own.map((f) => [keyOf(rel(f)), f.text])) });
      volumes.push({ name: `files-${i}`, configMap: { name: cm, items: own.map((f) => ({ key: keyOf(rel(f)), path: rel(f) })) } });
      mounts.push({ name: `files-${i}`, mountPath: m.at, readOnly: true });
    });
    const selector = { 'app.kubernetes.io/name': c.name };
    out.push(serviceAccount(c.name));
    out.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: meta(c.name, c.name),
      spec: {
        replicas: 1,
        selector: { matchLabels: selector },
        strategy: { type: 'Recreate' },
        template: {
          metadata: { labels: { ...selector, 'app.kubernetes.io/part-of': 'gonogo' } },
          spec: {
            serviceAccountName: c.name,
            automountServiceAccountToken: false,
            securityContext: podSecurity(c.uid),
            containers: [
              {
                name: c.name,
                image: c.image,
                ...(c.args.length ? { args: c.args } : {}),
                ...(c.env ? { env: c.env } : {}),
                ports: [{ name: 'http', containerPort: c.port, protocol: 'TCP' }],
                readinessProbe: { httpGet: { path: c.health.ready, port: 'http' }, periodSeconds: 10, timeoutSeconds: 3 },
                livenessProbe: { httpGet: { path: c.health.live, port: 'http' }, periodSeconds: 20, timeoutSeconds: 3, failureThreshold: 5 },
                resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '1', memory: '512Mi' } },
                securityContext: hardenedContainer(c.uid),
                volumeMounts: [...mounts, { name: 'data', mountPath: c.dataDir }, { name: 'tmp', mountPath: '/tmp' }],
              },
            ],
            volumes: [...volumes, { name: 'data', emptyDir: {} }, { name: 'tmp', emptyDir: {} }],
          },
        },
      },
    });
    out.push({ apiVersion: 'v1', kind: 'Service', metadata: meta(c.name, c.name), spec: { selector, ports: [{ name: 'http', port: c.port, targetPort: 'http' }] } });
  }
  return out;
}
