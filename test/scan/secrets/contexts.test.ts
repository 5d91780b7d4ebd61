import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createMatcher } from '../../../src/scan/secrets/matcher.js';
import { isPkcs12 } from '../../../src/scan/secrets/pkcs12.js';
import { SECRET_RULES } from '../../../src/scan/secrets/rules/index.js';
import { expandSample } from '../../../src/scan/secrets/sample-text.js';
import { scanSecrets } from '../../../src/scan/secrets/scan.js';
import { requireProgram } from '../../helpers/system.js';
import { tree } from './helpers.js';

const m = createMatcher(SECRET_RULES);
const found = (text: string) => m.find(text).map((x) => [x.rule.id, x.secret]);

describe('secret contexts', () => {
  it('curl -H "Authorization: Token ..." and Bearer', () => {
    const t = expandSample('{hex:40}');
    expect(found(`curl -H "Authorization: Token ${t}" https://ci.acme.dev/api/builds`)).toEqual([['secrets.bearer-token-header', t]]);
    expect(found(`curl -H 'Authorization: Bearer ${t}' https://ci.acme.dev/api/builds`)).toEqual([['secrets.bearer-token-header', t]]);
  });

  it('curl --user across backslash line continuations', () => {
    const pw = expandSample('{a62:18}');
    const script = `#!/bin/sh\ncurl -fsS \\\n  -X POST \\\n  --user deploy:${pw} \\\n  https://ci.acme.dev/job/build\n`;
    expect(found(script)).toEqual([['secrets.curl-basic-auth', pw]]);
    expect(found(`curl -fsS \\\n  --user "$CI_USER:$CI_PASS" \\\n  https://ci.acme.dev/`)).toEqual([]);
  });

  it('ftps:// credentials', () => {
    const pw = expandSample('{a62:14}');
    expect(found(`UPLOAD=ftps://uploader:${pw}@files.acme.dev/in`)).toEqual([['secrets.ftp-url', pw]]);
  });

  it('.npmrc _authToken for a scoped registry and the default one', () => {
    const t = expandSample('{b64:48}');
    expect(found(`//npm.acme.dev/repository/npm/:_authToken=${t}\n`)).toEqual([['secrets.npmrc-auth-token', t]]);
    expect(found(`registry=https://npm.acme.dev/\n_authToken=${t}\n`)).toEqual([['secrets.npmrc-auth-token', t]]);
  });

  it('a token as the user of an x-oauth-basic URL', () => {
    const t = expandSample('{hex:40}');
    expect(found(`git remote add origin https://${t}:x-oauth-basic@github.com/acme/app.git`)).toEqual([['secrets.oauth-token-in-git-url', t]]);
  });
});

describe('PKCS#12 key stores', () => {
  it('recognises the PFX structure and nothing else', () => {
    expect(isPkcs12(Buffer.from('3082010a020103308201', 'hex'))).toBe(false); // no pkcs7-data after the version
    expect(isPkcs12(Buffer.from('308209f3020103308209bf06092a864886f70d010701a08209b0', 'hex'))).toBe(true);
    expect(isPkcs12(Buffer.from('3080020103308006092a864886f70d010701a080', 'hex'))).toBe(true); // BER, indefinite
    expect(isPkcs12(Buffer.from('308209f3020102308209bf06092a864886f70d010701', 'hex'))).toBe(false); // version 2
    expect(isPkcs12(Buffer.from('89504e470d0a1a0a', 'hex'))).toBe(false); // a PNG
  });

  it.runIf(requireProgram('openssl'))('a directory scan reports a real .p12 made by openssl (by structure, any name), skips other binaries', async () => {
    const root = tree({ 'README.md': 'nothing here\n' });
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=test', '-days', '1', '-keyout', path.join(root, 'k.pem'), '-out', path.join(root, 'c.pem')], { stdio: 'ignore' });
    execFileSync('openssl', ['pkcs12', '-export', '-inkey', path.join(root, 'k.pem'), '-in', path.join(root, 'c.pem'), '-out', path.join(root, 'store.bin'), '-passout', 'pass:x'], { stdio: 'ignore' });
    writeFileSync(path.join(root, 'logo.png'), Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
    writeFileSync(path.join(root, 'k.pem'), ''); // keep the PEM key out of this test's findings
    const out = await scanSecrets({ source: { kind: 'dir', path: root } });
    expect(out.hits.map((h) => [h.rule.id, h.file, h.line])).toEqual([['secrets.pkcs12-file', 'store.bin', 1]]);
    expect(out.hits[0]!.secret).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(out.skipped).toContainEqual({ file: 'logo.png', reason: 'binary' });
    const piped = await scanSecrets({ source: { kind: 'stdin', input: Readable.from([readFileSync(path.join(root, 'store.bin'))]), name: 'in.pfx' } });
    expect(piped.hits.map((h) => [h.rule.id, h.file])).toEqual([['secrets.pkcs12-file', 'in.pfx']]);
  });
});
