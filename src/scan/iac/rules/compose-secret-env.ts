import type { ComposeRule } from '../rule.js';

const SECRET = /(?:PASS(?:WORD|WD)?|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIALS?)$/i;

export const rule: ComposeRule = {
  id: 'iac.compose-secret-env',
  kind: 'compose',
  title: 'Secret written in a service\'s environment',
  severity: 'high',
  cwe: 'CWE-798',
  refs: {},
  remediation: 'Use Compose secrets (secrets: + /run/secrets/...) or ${VARIABLE} substitution from an untracked .env file.',
  samples: {
    bad: ['services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: hunter2-prod\n', 'services:\n  app:\n    image: example/app:2\n    environment:\n      - API_KEY=ak_live_51HxYzQ2\n'],
    good: ['services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n      POSTGRES_PASSWORD_FILE: /run/secrets/db\n    secrets:\n      - db\n'],
  },
  check(svc, _name, report) {
    const env = svc.environment;
    const entries: [string, unknown, string | number][] = Array.isArray(env)
      ? env.map((e: unknown, i: number) => {
          const [k, ...rest] = String(e).split('=');
          return [k ?? '', rest.length ? rest.join('=') : undefined, i];
        })
      : env && typeof env === 'object'
        ? Object.entries(env).map(([k, v]) => [k, v, k])
        : [];
    for (const [key, value, at] of entries) {
      if (!SECRET.test(key) || value === undefined || value === null) continue;
      const v = String(value);
      if (v.length >= 4 && !v.includes('${') && !v.startsWith('/run/secrets')) report(['environment', at], `Secret value in environment variable ${key}`);
    }
  },
};
