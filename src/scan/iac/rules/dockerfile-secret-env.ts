import type { DockerfileRule } from '../rule.js';

const SECRET = /(?:PASS(?:WORD|WD)?|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIALS?|AUTH)$/i;

export const rule: DockerfileRule = {
  id: 'iac.dockerfile-secret-env',
  kind: 'dockerfile',
  title: 'Secret in ENV or ARG (kept in the image history)',
  severity: 'high',
  cwe: 'CWE-538',
  refs: {},
  remediation: 'Pass build secrets with RUN --mount=type=secret and runtime secrets through the orchestrator; ENV and ARG values are visible with docker history.',
  samples: {
    bad: ['FROM alpine:3.20\nENV DB_PASSWORD=Sup3rS3cret\nUSER 1000\n', 'FROM alpine:3.20\nARG NPM_TOKEN=npm_abcdefghijklmnop\nUSER 1000\n'],
    good: ['FROM alpine:3.20\nARG NPM_TOKEN\nENV DB_PASSWORD_FILE=/run/secrets/db_password APP_ENV=production\nENV PASSWORD_MIN_LENGTH=12\nUSER 1000\n'],
  },
  check(df, report) {
    for (const env of df.getENVs()) {
      for (const p of env.getProperties()) {
        const v = p.getValue();
        if (SECRET.test(p.getName()) && v && !v.startsWith('$') && v.length >= 4) report(p.getRange().start.line, `ENV ${p.getName()} holds a secret value`);
      }
    }
    for (const arg of df.getARGs()) {
      const p = arg.getProperty();
      const v = p?.getValue();
      if (p && SECRET.test(p.getName()) && v && !v.startsWith('$') && v.length >= 4) report(p.getRange().start.line, `ARG ${p.getName()} has a secret default value`);
    }
  },
};
