import { describe, expect, it } from 'vitest';
import { createMatcher } from '../../../src/scan/secrets/matcher.js';
import { looksLikePlaceholder } from '../../../src/scan/secrets/placeholder.js';
import { SECRET_RULES } from '../../../src/scan/secrets/rules/index.js';
import { expandSample } from '../../../src/scan/secrets/sample-text.js';

const m = createMatcher(SECRET_RULES);
const found = (text: string) => m.find(text).map((x) => [x.rule.id, x.secret]);

describe('placeholder filtering', () => {
  it('finds real passwords that start with a common word or look like camelCase with digits', () => {
    expect(found('MONGO_URL=mongodb://app:mySecret789@db.acme.dev:27017/app')).toEqual([['secrets.mongodb-url', 'mySecret789']]);
    expect(found('url: postgres://svc:Password2024Prod!@10.0.0.12/app')).toEqual([['secrets.postgres-url', 'Password2024Prod!']]);
    expect(found('DB_PASSWORD="secretKeeper77!x"')).toEqual([['secrets.generic-password', 'secretKeeper77!x']]);
  });

  it('still drops true placeholders', () => {
    for (const v of ['<password>', 'changeme', 'xxx', '${DB_PASSWORD}', 'your-token-here', 'password1', 'test_123', 'secret-here', 'Password!']) {
      expect(looksLikePlaceholder(v, 'strict'), v).toBe(true);
    }
    for (const v of ['<password>', 'changeme', 'xxx', '${DB_PASSWORD}']) expect(found(`mongodb://app:${v}@db.acme.dev/app`), v).toEqual([]);
    expect(found('API_TOKEN=your-token-here-please-1')).toEqual([]);
    expect(found('const password = myPasswordField;')).toEqual([]);
  });

  it('drops 32/40/64/128-hex password hashes under a password name, keeps other hex secrets', () => {
    for (const n of [32, 40, 64, 128]) {
      const h = expandSample(`{hex:${n}}`);
      expect(found(`  password: "${h}"`), `${n}`).toEqual([]);
      expect(found(`INSERT INTO users (email, password_hash) VALUES ('a@acme.dev', '${h}'); -- password_digest = '${h}'`), `${n}`).toEqual([]);
    }
    const sessionSecret = expandSample('{hex:64}');
    expect(found(`SESSION_SECRET="${sessionSecret}"`)).toEqual([['secrets.generic-secret', sessionSecret]]);
    const notHex = expandSample('{a62:32}');
    expect(found(`password: "${notHex}"`)).toEqual([['secrets.generic-password', notHex]]);
  });
});
