import type { DockerfileRule } from '../rule.js';

export const rule: DockerfileRule = {
  id: 'iac.dockerfile-root-user',
  kind: 'dockerfile',
  title: 'Container runs as root (no USER, or USER root in the final stage)',
  severity: 'high',
  cwe: 'CWE-250',
  refs: { hadolint: 'DL3002', trivy: 'DS002' },
  remediation: 'Create an unprivileged user and switch to it at the end of the final stage: RUN useradd -r app && USER app (or USER 10001).',
  samples: {
    bad: ['FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\nUSER 0\nENTRYPOINT ["/app"]\n', 'FROM node:20-slim\nCOPY . /app\nCMD ["node", "/app/server.js"]\n', 'FROM node:20-slim\nUSER node\nRUN npm ci\nUSER root\nCMD ["node", "server.js"]\n'],
    good: ['FROM node:20-slim AS build\nRUN npm ci\nFROM node:20-slim\nCOPY --from=build /app /app\nUSER node\nCMD ["node", "/app/server.js"]\n'],
  },
  check(df, report) {
    const froms = df.getFROMs();
    const last = froms[froms.length - 1];
    if (!last) return;
    const start = last.getRange().start.line;
    const users = df.getInstructions().filter((i) => i.getKeyword() === 'USER' && i.getRange().start.line > start);
    const final = users[users.length - 1];
    // A scratch image has no /etc/passwd: no USER is the norm there (the binary sets its own), but USER root is still root.
    if (!final) return last.getImageName() === 'scratch' ? undefined : report(start, 'No USER in the final stage: the container runs as root');
    const who = final.getArgumentsContent()?.trim().split(':')[0] ?? '';
    if (who === 'root' || who === '0') report(final.getRange().start.line, 'The final USER is root');
  },
};
