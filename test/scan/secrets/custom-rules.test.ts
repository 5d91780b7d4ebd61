import { describe, expect, it } from 'vitest';
import { customSecretRules } from '../../../src/scan/secrets/custom-rules.js';
import { createMatcher } from '../../../src/scan/secrets/matcher.js';
import { expandSample } from '../../../src/scan/secrets/sample-text.js';
import { cli, SECRETS, tree } from './helpers.js';

const TOKEN = expandSample('acme_int_{a62:30}');

const CONFIG = `scan:
  secrets:
    custom:
      - id: secrets.custom.acme-internal
        title: Acme internal service token
        regex: '(?<![A-Za-z0-9_])(acme_int_[A-Za-z0-9]{30})(?![A-Za-z0-9_])'
        keywords: [acme_int_]
        entropy: 3
        severity: critical
        allow: ['^acme_int_0{10}']
`;

describe('custom secret rules (scan.secrets.custom)', () => {
  it('runs with the keywords, entropy and allow-list it is given; keyword-less rules run on all text', () => {
    const [r] = customSecretRules([{ id: 'secrets.custom.acme', regex: 'acme_int_(?<secret>[A-Za-z0-9]{30})', keywords: ['ACME_INT_'], entropy: 3, allow: ['^0{10}'] }]);
    expect(r!.keywords).toEqual(['acme_int_']);
    const m = createMatcher([r!]);
    expect(m.find(`x = "${TOKEN}"`).map((h) => h.secret)).toEqual([TOKEN.slice('acme_int_'.length)]);
    expect(m.find(`x = "acme_int_${'0'.repeat(10)}${expandSample('{a62:20}')}"`)).toEqual([]); // allowed
    expect(m.find(`x = "acme_int_${'ab'.repeat(15)}"`)).toEqual([]); // below the entropy gate
    const [any] = customSecretRules([{ id: 'secrets.custom.any', regex: 'int-([0-9]{12})' }]);
    expect(createMatcher([any!]).find(`${'filler '.repeat(10_000)}id int-${'739104826153'}`).map((h) => h.secret)).toEqual(['739104826153']);
  });

  it('gonogo scan secrets reports a custom finding, masked, through the register', async () => {
    const dir = tree({ 'gonogo.config.yaml': CONFIG, 'src/client.ts': `const t = "${TOKEN}";\n` });
    const r = await cli(['scan', 'secrets', '--format', 'json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(1);
    const [f] = JSON.parse(r.stdout).findings;
    expect(f).toMatchObject({ ruleId: 'secrets.custom.acme-internal', severity: 'critical', location: { file: 'src/client.ts', line: 1 } });
    expect(f.message).toMatch(/^Acme internal service token: acme\*{4} \[P1, due \d{4}-\d\d-\d\d\]$/); // the register's priority and due date
    expect(r.stdout).not.toContain(TOKEN);
  });

  it('with custom rules the built-in rules still report (their tables are built at run time, not loaded)', async () => {
    const dir = tree({ 'gonogo.config.yaml': CONFIG, 'src/client.ts': `const t = "${TOKEN}";\n`, 'src/gh.ts': `const gh = "${SECRETS.github}";\n` });
    const r = await cli(['scan', 'secrets', '--format', 'json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(1);
    const found = JSON.parse(r.stdout).findings.map((f: { ruleId: string; location: { file: string } }) => `${f.ruleId} ${f.location.file}`);
    expect(found).toEqual(['secrets.custom.acme-internal src/client.ts', 'secrets.github-pat src/gh.ts']);
  });

  it('a bad regular expression is a config error (exit 2) naming its path', async () => {
    const dir = tree({ 'gonogo.config.yaml': CONFIG.replace("regex: '(?<!", "regex: '((?<!"), 'a.txt': 'x\n' });
    const r = await cli(['scan', 'secrets'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('scan.secrets.custom[0].regex');
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace
  });
});
