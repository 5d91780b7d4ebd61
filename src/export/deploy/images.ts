/**
 * What every deploy template shares: the reference service's image (built from a packed gonogo, so it
 * needs no registry access to gonogo itself) and the pinned images of the monitoring stack.
 */
export const REFERENCE_NAME = 'gonogo-demo-target';
export const PORT = 8080;

/** Pinned, never :latest (iac.k8s-latest-image, iac.dockerfile-latest-tag). */
export const IMAGES = {
  prometheus: 'prom/prometheus:v2.53.2',
  alertmanager: 'prom/alertmanager:v0.27.0',
  grafana: 'grafana/grafana:11.2.0',
} as const;

export const referenceImage = (version: string) => `${REFERENCE_NAME}:${version}`;

/** The reference service's Dockerfile: a non-root user, a health check, gonogo installed from the packed tarball. */
export function dockerfile(): string {
  return [
    '# Written by gonogo init --template. Build next to gonogo.tgz (`npm pack gonogo`, or `npm pack` in a gonogo checkout, renamed):',
    '#   docker build -t gonogo-demo-target:VERSION .',
    'FROM node:20.18-bookworm-slim',
    'ENV NODE_ENV=production',
    'COPY gonogo.tgz /tmp/gonogo.tgz',
    'RUN npm install --global --no-audit --no-fund /tmp/gonogo.tgz && npm cache clean --force && rm /tmp/gonogo.tgz && mkdir -p /home/node/data && chown node:node /home/node/data',
    'USER node',
    `EXPOSE ${PORT}`,
    `HEALTHCHECK --interval=10s --timeout=3s --retries=3 CMD ["node", "-e", "fetch('http://127.0.0.1:${PORT}/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]`,
    `CMD ["gonogo", "demo-target", "--host", "0.0.0.0", "--port", "${PORT}", "--data", "/home/node/data"]`,
    '',
  ].join('\n');
}
