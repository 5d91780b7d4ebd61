import { describe, expect, it } from 'vitest';
import { createMatcher } from '../../../src/scan/secrets/matcher.js';
import { assigned, rule } from '../../../src/scan/secrets/rule.js';
import { SECRET_RULES } from '../../../src/scan/secrets/rules/index.js';
import { expandSample } from '../../../src/scan/secrets/sample-text.js';

// A vendor-style rule built with the same helper the rule files use: its name is "acme token", its value 32 chars.
const acme = rule({ id: 'acme-token', title: 'Acme token', keywords: ['acme'], regex: assigned(['acme_token', 'acme_api_token'], '[A-Za-z0-9]{32}'), entropy: 3.5, tp: ['ACME_TOKEN={a62:32}'], fp: ['ACME_TOKEN=$X'] });
const VALUE = expandSample('{a62:32}');

/** Each syntax the issue names: the rule finds the value in it, exactly. */
const SYNTAXES: Record<string, string> = {
  'Go var with a type': `var acmeToken string = "${VALUE}"`,
  'Go short declaration': `acmeToken := "${VALUE}"`,
  'Kotlin typed val': `val acmeApiToken: String = "${VALUE}"`,
  'PHP append': `$acme_token .= '${VALUE}';`,
  'Makefile ::=': `ACME_TOKEN ::= ${VALUE}`,
  'Makefile :::=': `ACME_TOKEN :::= ${VALUE}`,
  'Makefile ?=': `ACME_TOKEN ?= ${VALUE}`,
  'Makefile +=': `ACME_TOKEN += ${VALUE}`,
  'XML element, same line': `<acmeToken>${VALUE}</acmeToken>`,
  'XML element, value on its own line': `<config>\n  <acmeToken>\n        ${VALUE}\n  </acmeToken>\n</config>`,
  'setProperty': `props.setProperty("ACME_TOKEN", "${VALUE}");`,
  'System.setProperty': `System.setProperty("acme.api.token", "${VALUE}");`,
  'KEY=value inside a JSON string': `{"env": "LOG=debug\\nACME_TOKEN=${VALUE}\\nPORT=80"}`,
  'YAML': `acme:\n  acme_token: ${VALUE}\n`,
  'TOML': `acme_token = "${VALUE}"`,
  'INI': `[acme]\nacme_token=${VALUE}`,
  '.env export': `export ACME_TOKEN="${VALUE}"`,
  'JSON': `{ "acmeToken": "${VALUE}" }`,
  'Ruby hash rocket': `:acme_token => '${VALUE}'`,
};

describe('assignment syntaxes (vendor rules via assigned())', () => {
  const m = createMatcher([acme]);
  for (const [name, text] of Object.entries(SYNTAXES)) {
    it(`finds the value in ${name}`, () => {
      expect(m.find(text).map((x) => x.secret)).toEqual([VALUE]);
    });
  }

  it('does not take a comparison or another name for an assignment', () => {
    expect(m.find(`if acmeToken == other { }`)).toEqual([]);
    expect(m.find(`acme_token_length = 32`)).toEqual([]);
  });
});

describe('assignment syntaxes (generic rules)', () => {
  const m = createMatcher(SECRET_RULES);
  const pw = expandSample('{a62:14}{d:2}');
  for (const [name, text] of Object.entries({
    'Go var with a type': `var dbPassword string = "${pw}"`,
    'Go short declaration': `dbPassword := "${pw}"`,
    'PHP append': `$db_password .= '${pw}';`,
    'Makefile ::=': `DB_PASSWORD ::= ${pw}`,
    'Makefile ?=': `DB_PASSWORD ?= ${pw}`,
    'Makefile +=': `DB_PASSWORD += ${pw}`,
  })) {
    it(`generic-password finds the value in ${name}`, () => {
      const hits = m.find(text);
      expect(hits.map((x) => [x.rule.id, x.secret])).toEqual([['secrets.generic-password', pw]]);
    });
  }
});
