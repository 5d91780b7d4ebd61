/** compose.yaml: the reference service with Prometheus, Alertmanager and Grafana, every port on loopback. */
import { stringify } from 'yaml';
import { YAML_OPTIONS } from '../monitoring/rule-files.js';
import { IMAGES, PORT, REFERENCE_NAME, referenceImage } from './images.js';

const hardened = { read_only: true, security_opt: ['no-new-privileges:true'], cap_drop: ['ALL'], restart: 'unless-stopped' };

export function composeFile(version: string): string {
  const compose = {
    name: REFERENCE_NAME,
    services: {
      demo: {
        build: { context: '.' },
        image: referenceImage(version),
        ...hardened,
        ports: [`127.0.0.1:${PORT}:${PORT}`],
        tmpfs: ['/tmp'],
        volumes: ['demo-data:/home/node/data'],
        healthcheck: { test: ['CMD', 'node', '-e', `fetch('http://127.0.0.1:${PORT}/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))`], interval: '10s', timeout: '3s', retries: 3 },
      },
      prometheus: {
        image: IMAGES.prometheus,
        ...hardened,
        command: ['--config.file=/etc/prometheus/prometheus.yml', '--storage.tsdb.path=/prometheus', '--web.enable-lifecycle'],
        ports: ['127.0.0.1:9090:9090'],
        volumes: ['./monitoring/prometheus:/etc/prometheus:ro', 'prometheus-data:/prometheus'],
        depends_on: ['demo', 'alertmanager'],
      },
      alertmanager: {
        image: IMAGES.alertmanager,
        ...hardened,
        command: ['--config.file=/etc/alertmanager/alertmanager.yml', '--storage.path=/alertmanager'],
        ports: ['127.0.0.1:9093:9093'],
        volumes: ['./monitoring/alertmanager:/etc/alertmanager:ro', 'alertmanager-data:/alertmanager'],
      },
      grafana: {
        image: IMAGES.grafana,
        ...hardened,
        tmpfs: ['/tmp'],
        environment: {
          GF_PATHS_PROVISIONING: '/etc/grafana/provisioning',
          // Set in your shell or an untracked .env file; compose refuses to start without it.
          GF_SECURITY_ADMIN_PASSWORD: '${GRAFANA_ADMIN_PASSWORD:?set GRAFANA_ADMIN_PASSWORD}',
        },
        ports: ['127.0.0.1:3000:3000'],
        volumes: ['./monitoring/grafana/provisioning:/etc/grafana/provisioning:ro', './monitoring/grafana/dashboards:/var/lib/grafana/dashboards:ro', 'grafana-data:/var/lib/grafana'],
        depends_on: ['prometheus'],
      },
    },
    volumes: { 'demo-data': {}, 'prometheus-data': {}, 'alertmanager-data': {}, 'grafana-data': {} },
  };
  return `# Written by gonogo init --template compose. Start: GRAFANA_ADMIN_PASSWORD=... docker compose up -d\n${stringify(compose, YAML_OPTIONS)}`;
}
