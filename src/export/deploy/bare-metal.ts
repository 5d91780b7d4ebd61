/** The bare-metal template: a hardened systemd unit for the reference service and a step-by-step guide. */
import { PORT, REFERENCE_NAME } from './images.js';

export function systemdUnit(): string {
  return [
    '# Written by gonogo init --template bare-metal. Install: see README.md',
    '[Unit]',
    'Description=gonogo reference service (demo-target)',
    'After=network-online.target',
    'Wants=network-online.target',
    '',
    '[Service]',
    'Type=simple',
    `ExecStart=/usr/bin/env gonogo demo-target --host 127.0.0.1 --port ${PORT} --data /var/lib/${REFERENCE_NAME}`,
    'Environment=NODE_ENV=production',
    'DynamicUser=yes',
    `StateDirectory=${REFERENCE_NAME}`,
    'Restart=on-failure',
    'RestartSec=2s',
    'TimeoutStopSec=30s',
    'LimitNOFILE=65536',
    'MemoryMax=512M',
    'NoNewPrivileges=yes',
    'ProtectSystem=strict',
    'ProtectHome=read-only',
    'PrivateTmp=yes',
    'PrivateDevices=yes',
    'ProtectKernelTunables=yes',
    'ProtectKernelModules=yes',
    'ProtectControlGroups=yes',
    'RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX',
    'RestrictNamespaces=yes',
    'LockPersonality=yes',
    'CapabilityBoundingSet=',
    'SystemCallArchitectures=native',
    '',
    '[Install]',
    'WantedBy=multi-user.target',
    '',
  ].join('\n');
}

export function bareMetalGuide(version: string, service: string): string {
  return `# Bare metal: ${service} with Prometheus, Alertmanager and Grafana under systemd

Written by \`gonogo init --template bare-metal\` (gonogo ${version}). Every service listens on 127.0.0.1;
put a reverse proxy with TLS in front of what must be reachable from elsewhere.

## 1. The reference service

\`\`\`bash
sudo npm install --global gonogo@${version}            # or: sudo npm install --global ./gonogo-${version}.tgz
sudo install -m 0644 ${REFERENCE_NAME}.service /etc/systemd/system/
sudo systemctl daemon-reload
sudo systemctl enable --now ${REFERENCE_NAME}
curl -fsS http://127.0.0.1:${PORT}/health/ready
\`\`\`

The unit runs as a dynamic, unprivileged user with a read-only system (\`ProtectSystem=strict\`); its data lives in
\`/var/lib/${REFERENCE_NAME}\`. Logs: \`journalctl -u ${REFERENCE_NAME}\`.

## 2. Prometheus and Alertmanager (Debian / Ubuntu packages)

\`\`\`bash
sudo apt-get install prometheus prometheus-alertmanager
sudo cp -r monitoring/prometheus/prometheus.yml monitoring/prometheus/rules /etc/prometheus/
sudo cp -r monitoring/alertmanager/alertmanager.yml monitoring/alertmanager/templates /etc/prometheus/
sudo sed -i 's#templates/\\*.tmpl#/etc/prometheus/templates/*.tmpl#' /etc/prometheus/alertmanager.yml
promtool check config /etc/prometheus/prometheus.yml
promtool test rules monitoring/prometheus/tests/*.yml
amtool check-config /etc/prometheus/alertmanager.yml
sudo systemctl restart prometheus prometheus-alertmanager
\`\`\`

Debian's Alertmanager reads \`/etc/prometheus/alertmanager.yml\`. Replace the webhook URLs in it with your pager and
ticket system.

## 3. Grafana

Install Grafana from Grafana's own APT repository (it is not in Debian), then:

\`\`\`bash
sudo cp -r monitoring/grafana/provisioning/* /etc/grafana/provisioning/
sudo mkdir -p /var/lib/grafana/dashboards && sudo cp monitoring/grafana/dashboards/*.json /var/lib/grafana/dashboards/
sudo systemctl restart grafana-server
\`\`\`

Open http://127.0.0.1:3000: the folder "gonogo: ${service}" holds the four dashboards.

## 4. Check it

\`\`\`bash
gonogo run --target http://127.0.0.1:${PORT}     # the gate, against the service you just started
curl -fsS http://127.0.0.1:9090/api/v1/rules | head -c 300
\`\`\`
`;
}
