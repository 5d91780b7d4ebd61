import type { DockerfileRule } from '../rule.js';

export const rule: DockerfileRule = {
  id: 'iac.dockerfile-no-healthcheck',
  kind: 'dockerfile',
  title: 'No HEALTHCHECK in the final image',
  severity: 'low',
  cwe: 'CWE-754',
  refs: { trivy: 'DS026' },
  remediation: 'Add HEALTHCHECK CMD ... so Docker and Compose can restart a hung container (Kubernetes uses probes instead).',
  samples: {
    bad: ['FROM node:20-slim\nUSER node\nCMD ["node", "server.js"]\n'],
    good: ['FROM node:20-slim\nUSER node\nHEALTHCHECK --interval=30s CMD node healthcheck.js\nCMD ["node", "server.js"]\n', 'FROM node:20-slim AS build\nRUN npm ci\nFROM scratch\nCOPY --from=build /out /\n'],
  },
  check(df, report) {
    const froms = df.getFROMs();
    const last = froms[froms.length - 1];
    if (!last || last.getImageName() === 'scratch') return;
    // Only images that run something long-lived need one: a CMD or ENTRYPOINT in the final stage.
    const start = last.getRange().start.line;
    const tail = df.getInstructions().filter((i) => i.getRange().start.line >= start);
    if (!tail.some((i) => i.getKeyword() === 'CMD' || i.getKeyword() === 'ENTRYPOINT')) return;
    if (!df.getInstructions().some((i) => i.getKeyword() === 'HEALTHCHECK')) report(start);
  },
};
