import { describe, expect, it } from 'vitest';
import { decodeBase64Text } from '../../../src/scan/secrets/decode.js';
import { toFinding } from '../../../src/scan/secrets/findings.js';
import { createMatcher } from '../../../src/scan/secrets/matcher.js';
import { SECRET_RULES } from '../../../src/scan/secrets/rules/index.js';
import { expandSample } from '../../../src/scan/secrets/sample-text.js';
import { scanString } from '../../../src/scan/secrets/text-scan.js';

const m = createMatcher(SECRET_RULES);
const today = '2026-12-04';
const scan = (text: string, decode = true) => scanString(text, m, { today, decode }).map((h) => ({ rule: h.rule.id, secret: h.secret, line: h.line, decoded: h.decoded }));
const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('decoding', () => {
  it('a Kubernetes Secret data: value is base64-decoded and scanned with its key', () => {
    const pw = expandSample('{a62:14}{d:3}');
    const gh = expandSample('ghp_{a62:36}');
    const yaml = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\ntype: Opaque\ndata:\n  DB_PASSWORD: ${b64(pw)}\n  GITHUB_TOKEN: ${b64(gh)}\n`;
    expect(scan(yaml)).toEqual([
      { rule: 'secrets.generic-password', secret: pw, line: 7, decoded: 'base64' },
      { rule: 'secrets.github-pat', secret: gh, line: 8, decoded: 'base64' },
    ]);
    // Without decoding only the encodings themselves are seen (generic rules, high entropy), not the secrets.
    expect(scan(yaml, false).map((h) => [h.secret, h.decoded])).toEqual([[b64(pw), undefined], [b64(gh), undefined]]);
  });

  it('decodes twice at most: a base64 .env file holding a base64 value', () => {
    const gh = expandSample('ghp_{a62:36}');
    const inner = `GITHUB_TOKEN=${b64(gh)}\nLOG=info\n`;
    expect(scan(`  .env: ${b64(inner)}`)).toEqual([{ rule: 'secrets.github-pat', secret: gh, line: 1, decoded: 'base64' }]);
    // A third level is not opened: the GitHub token is not seen (a generic rule may still flag the encoding).
    expect(scan(`  .env: ${b64(`X=${b64(inner)}`)}`).map((h) => h.rule)).not.toContain('secrets.github-pat');
  });

  it('URL-encoded values are decoded; a match already found as written is not repeated', () => {
    const gh = expandSample('ghp_{a62:36}');
    expect(scan(`callback=https%3A%2F%2Fci.acme.dev%2Fhook?token=${gh}&next=%2Fhome`)).toEqual([{ rule: 'secrets.github-pat', secret: gh, line: 1, decoded: undefined }]);
    const slack = expandSample('xoxb-{d:12}-{d:13}-{a62:24}');
    const hidden = slack.replace(/-/g, '%2D');
    expect(scan(`next=%2Fapi%3Ftoken%3D${hidden}`)).toEqual([{ rule: 'secrets.slack-bot-token', secret: slack, line: 1, decoded: 'url' }]);
  });

  it('a service-account JSON embedded as an escaped string is unescaped and scanned', () => {
    const id = expandSample('{hex:40}');
    const sa = JSON.stringify({ type: 'service_account', project_id: 'acme-prod', private_key_id: id, client_email: 'ci@acme-prod.iam.gserviceaccount.com' });
    const doc = JSON.stringify({ name: 'deploy', credentials: sa }, null, 2);
    expect(doc).toContain('\\"service_account\\"');
    expect(scan(doc)).toEqual([{ rule: 'secrets.gcp-service-account', secret: id, line: 3, decoded: 'json-string' }]);
  });

  it('long lines: one escaped-JSON view per line, encoded values decoded with their nearby context only', () => {
    // Many escaped quotes on one line (minified JSON in a string): the line is unescaped once, its secret found once.
    const id = expandSample('{hex:40}');
    const sa = JSON.stringify({ type: 'service_account', private_key_id: id, client_email: 'ci@acme-prod.iam.gserviceaccount.com' });
    const line = JSON.stringify({ pad: 'a"b '.repeat(10_000), credentials: sa });
    expect(line.length).toBeLessThan(64 << 10);
    expect(scan(`{\n${line}\n}`)).toEqual([{ rule: 'secrets.gcp-service-account', secret: id, line: 2, decoded: 'json-string' }]);
    // Thousands of URL-encoded values before it on the same line: the encoded token is still decoded and reported.
    const slack = expandSample('xoxb-{d:12}-{d:13}-{a62:24}');
    expect(scan(`q=${'%41 '.repeat(4000)}next=%2Fapi%3Ftoken%3D${slack.replace(/-/g, '%2D')}`)).toEqual([{ rule: 'secrets.slack-bot-token', secret: slack, line: 1, decoded: 'url' }]);
  });

  it('decodes only bounded, printable text', () => {
    expect(decodeBase64Text(b64('a plain sentence of text'))).toBe('a plain sentence of text');
    expect(decodeBase64Text(Buffer.from(Array.from({ length: 24 }, (_, i) => (i * 37) % 256)).toString('base64'))).toBeUndefined();
    expect(decodeBase64Text('getElementsByClassName')).toBeUndefined();
    const gh = expandSample('ghp_{a62:36}');
    const long = b64(`GITHUB_TOKEN=${gh}\n${'#'.repeat(4000)}`); // > 4096 characters encoded
    expect(scan(`  big: ${long}`)).toEqual([]);
  });

  it('the finding says the secret was decoded, and stays masked', () => {
    const gh = expandSample('ghp_{a62:36}');
    const [hit] = scanString(`  GITHUB_TOKEN: ${b64(gh)}`, m, { today });
    const f = toFinding({ ...hit!, file: 'k8s/secret.yaml' }, true)!;
    expect(f.decoded).toBe('base64');
    expect(f.message).toContain('found in a base64-encoded value');
    expect(f.message).not.toContain(gh);
    expect(f.message).not.toContain(b64(gh));
  });
});
