import { describe, expect, it } from 'vitest';
import { createMatcher } from '../../../src/scan/secrets/matcher.js';
import { assigned, rule } from '../../../src/scan/secrets/rule.js';
import { SECRET_RULES } from '../../../src/scan/secrets/rules/index.js';
import { expandSample } from '../../../src/scan/secrets/sample-text.js';

const all = createMatcher(SECRET_RULES);
const ids = (text: string) => all.find(expandSample(text)).map((m) => m.rule.id);

describe('vendor names next to a secret', () => {
  const re = new RegExp(assigned(['etsy'], '[a-z0-9]{24}'), 'gm');
  const value = expandSample('{a36:24}');

  it('accepts the vendor name in any style: snake, camelCase, kebab, dotted, upper case', () => {
    for (const name of ['etsy_token', 'etsyToken', 'myEtsyToken', 'etsy-api-key', 'shop.etsy.key', 'ETSY_TOKEN', 'ETSYToken']) {
      re.lastIndex = 0;
      expect(re.exec(`${name} = "${value}"`)?.[1], name).toBe(value);
    }
  });

  it('rejects the vendor name inside another word', () => {
    for (const name of ['SetSysctl', 'betsyToken', 'BETSY_TOKEN']) {
      re.lastIndex = 0;
      expect(re.exec(`${name} = "${value}"`), name).toBeNull();
    }
  });

  it('widened vendor rules find camelCase names the old name lists missed', () => {
    expect(ids('facebookToken = "{hex:32}"')).toContain('secrets.facebook-app-secret');
    expect(ids('snykApiKey: {uuid}')).toContain('secrets.snyk-token');
    expect(ids('sumObj = su{a:6}{d:2}{A:4}')).not.toContain('secrets.sumologic-access-id');
  });
});

describe('per-rule charset gate', () => {
  const r = rule({ id: 'test-charset', title: 't', keywords: ['tok'], regex: 'tok=([A-Za-z0-9]{12})', charset: [/\d/, /[A-Z]/], tp: ['tok=x'], fp: [] });
  const m = createMatcher([r]);

  it('accepts a secret holding every required character class', () => {
    expect(m.find('tok=abcDEF123xyz').map((x) => x.secret)).toEqual(['abcDEF123xyz']);
  });

  it('drops a secret missing one of them', () => {
    expect(m.find('tok=abcdefghijkl')).toEqual([]);
    expect(m.find('tok=abcdef123456')).toEqual([]);
  });
});

describe('published keys and look-alikes', () => {
  it('drops the Firebase SDK test keys but reports other Google API keys', () => {
    expect(ids('apiKey: "AIzaSyAnLA7NfeLquW1tJFpx_eQCxoX-oo6YyIs"')).toEqual([]); // gonogo:allow published Firebase SDK test key
    expect(ids('apiKey: "AIzaSy{b64u:33}"')).toContain('secrets.gcp-api-key');
  });

  it('drops the published Algolia search-only key but reports other 32-hex keys under the same names', () => {
    const published = '6fe4476ee5a1832882e326b506d14126'; // gonogo:allow public Algolia search-only key
    expect(ids(`const search = { appId: 'OFCNCOG2CU', apiKey: '${published}', indexName: 'npm-search' };`)).toEqual([]);
    expect(ids(`ALGOLIA_SEARCH_KEY=${published}`)).toEqual([]);
    expect(ids("const search = { appId: 'OFCNCOG2CU', apiKey: '{hex:32}' };")).not.toEqual([]);
    expect(ids('ALGOLIA_SEARCH_KEY={hex:32}')).toContain('secrets.algolia-admin-key');
  });

  it('does not report host:port values, contract addresses or hex digests in password fields', () => {
    expect(ids('db.credentials.url=db-1.internal.acme.dev:5432')).toEqual([]);
    expect(ids('DB_PASSWORD=db.internal.acme.dev:5432')).toEqual([]);
    expect(ids('wallet.secret = 0x{hex:40}')).toEqual([]);
    expect(ids('{ "email": "a@b.c", "password": "{hex:64}" }')).toEqual([]);
    expect(ids('DB_PASSWORD={a62:16}')).toContain('secrets.generic-password');
  });
});
