/**
 * `gonogo init --template compose|k8s|bare-metal`: the reference service and the monitoring stack
 * (the same kit `gonogo export monitoring` writes, pointed at the service's address in that setup).
 */
import { stringify } from 'yaml';
import { buildMonitoringKit, type KitFile, type MonitoringKitInput } from '../monitoring/kit.js';
import { YAML_OPTIONS } from '../monitoring/rule-files.js';
import { bareMetalGuide, systemdUnit } from './bare-metal.js';
import { composeFile } from './compose.js';
import { PORT, REFERENCE_NAME, dockerfile } from './images.js';
import { HEADLESS, NAMESPACE, referenceManifests } from './k8s.js';
import { monitoringManifests } from './k8s-monitoring.js';

export const TEMPLATES = ['compose', 'k8s', 'bare-metal'] as const;
export type TemplateName = (typeof TEMPLATES)[number];

/** The monitoring kit's input without the parts each template fixes (target, addresses, paths). */
export type DeployMonitoringInput = Omit<MonitoringKitInput, 'target' | 'dashboardsPath' | 'alertmanager' | 'prometheusUrl' | 'scrape'>;

const inFolder = (folder: string, files: readonly KitFile[]): KitFile[] => files.map((f) => ({ path: `${folder}/${f.path}`, text: f.text }));
const manifests = (list: readonly Record<string, unknown>[]) => list.map((m) => stringify(m, YAML_OPTIONS)).join('---\n');

export function deployKit(template: TemplateName, version: string, monitoring: DeployMonitoringInput): KitFile[] {
  const job = monitoring.service;
  if (template === 'compose') {
    const kit = buildMonitoringKit({ ...monitoring, target: `http://127.0.0.1:${PORT}`, scrape: { job, scheme: 'http', address: `demo:${PORT}`, metricsPath: '/metrics' }, alertmanager: 'alertmanager:9093', prometheusUrl: 'http://prometheus:9090', dashboardsPath: '/var/lib/grafana/dashboards' });
    return [
      { path: 'compose.yaml', text: composeFile(version) },
      { path: 'Dockerfile', text: dockerfile() },
      { path: 'README.md', text: readme('compose', version, ['cp /path/to/gonogo-*.tgz gonogo.tgz   # npm pack gonogo, or npm pack in a gonogo checkout', 'export GRAFANA_ADMIN_PASSWORD=...      # your own', 'docker compose up -d --build', `curl -fsS http://127.0.0.1:${PORT}/health/ready`, 'open http://127.0.0.1:3000 (Grafana), http://127.0.0.1:9090 (Prometheus), http://127.0.0.1:9093 (Alertmanager)']) },
      ...inFolder('monitoring', kit.files),
    ];
  }
  if (template === 'k8s') {
    const kit = buildMonitoringKit({
      ...monitoring,
      target: `http://${REFERENCE_NAME}.${NAMESPACE}.svc:${PORT}`,
      scrape: { job, scheme: 'http', address: `${HEADLESS}.${NAMESPACE}.svc:${PORT}`, metricsPath: '/metrics', dnsName: `${HEADLESS}.${NAMESPACE}.svc` },
      alertmanager: 'alertmanager:9093',
      prometheusUrl: 'http://prometheus:9090',
      dashboardsPath: '/var/lib/grafana/dashboards',
    });
    return [
      { path: 'k8s/service.yaml', text: `# Written by gonogo init --template k8s: the reference service.\n${manifests(referenceManifests(version))}` },
      { path: 'k8s/monitoring.yaml', text: `# Written by gonogo init --template k8s: Prometheus, Alertmanager, Grafana with the monitoring kit.\n${manifests(monitoringManifests(kit.files))}` },
      { path: 'Dockerfile', text: dockerfile() },
      { path: 'README.md', text: readme('k8s', version, [`docker build -t ${REFERENCE_NAME}:${version} .   # next to gonogo.tgz; push it where your cluster pulls from`, 'kubectl apply -f k8s/service.yaml', `kubectl -n ${NAMESPACE} create secret generic grafana-admin --from-literal=password=...`, 'kubectl apply -f k8s/monitoring.yaml', `kubectl -n ${NAMESPACE} port-forward svc/grafana 3000:3000`]) },
      ...inFolder('monitoring', kit.files.filter((f) => f.path.startsWith('prometheus/tests/') || f.path === 'README.md' || f.path === 'runbooks.md')),
    ];
  }
  const kit = buildMonitoringKit({ ...monitoring, target: `http://127.0.0.1:${PORT}`, dashboardsPath: '/var/lib/grafana/dashboards' });
  return [{ path: `${REFERENCE_NAME}.service`, text: systemdUnit() }, { path: 'README.md', text: bareMetalGuide(version, monitoring.service) }, ...inFolder('monitoring', kit.files)];
}

function readme(template: TemplateName, version: string, steps: readonly string[]): string {
  const what = template === 'compose'
    ? '`compose.yaml` runs the reference service, Prometheus, Alertmanager and Grafana; every port is published on 127.0.0.1 only. `monitoring/` is the kit `gonogo export monitoring` writes, pointed at the compose services.'
    : '`k8s/service.yaml`: Namespace, ServiceAccount, settings ConfigMap, Deployment (3 replicas, probes, resources, non-root read-only containers), Service, headless Service, PodDisruptionBudget and HorizontalPodAutoscaler. `k8s/monitoring.yaml`: Prometheus, Alertmanager and Grafana with the monitoring kit in ConfigMaps. `monitoring/` holds the kit\'s promtool tests, README and runbooks.';
  return `# Deploy kit (${template}) for the gonogo reference service\n\nWritten by \`gonogo init --template ${template}\` (gonogo ${version}). ${what}\n\n\`\`\`bash\n${steps.join('\n')}\n\`\`\`\n\nThe reference service is a demo with public demo accounts (docs/demo-target.md): keep it off the internet.\n`;
}
