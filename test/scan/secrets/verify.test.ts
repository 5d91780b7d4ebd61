import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRET_RULES } from '../../../src/scan/secrets/rules/index.js';
import { expandSample } from '../../../src/scan/secrets/sample-text.js';
import { VERIFIERS } from '../../../src/scan/secrets/verify.js';
import { cli, tree } from './helpers.js';

const LIVE_GH = expandSample('ghp_{a62:36}');
const DEAD_GH = expandSample('ghp_{a62:36}x').slice(0, 40);
const SLACK = expandSample('xoxb-{d:12}-{d:13}-{a62:24}');
const STRIPE = expandSample('sk_live_{a62:24}');

/** A loopback stand-in for the providers: GitHub knows one token, Slack rejects, Stripe fails. */
const seen: { path: string; auth: string | undefined }[] = [];
const server = createServer((req: IncomingMessage, res) => {
  seen.push({ path: req.url ?? '', auth: req.headers.authorization });
  if (req.url === '/user') {
    res.writeHead(req.headers.authorization === `token ${LIVE_GH}` ? 200 : 401, { 'content-type': 'application/json' }).end('{"login":"ci"}');
  } else if (req.url === '/api/auth.test' && req.method === 'POST') {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":false,"error":"invalid_auth"}');
  } else res.writeHead(500).end();
});
let base = '';
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('--verify', () => {
  it('every verifier belongs to a real rule', () => {
    const ids = new Set(SECRET_RULES.map((r) => r.id));
    for (const id of Object.keys(VERIFIERS)) expect(ids, id).toContain(id);
  });

  it('asks each provider once per secret and puts the answer in the finding, masked', async () => {
    const dir = tree({ 'a.env': `GH=${LIVE_GH}\nGH_OLD=${DEAD_GH}\nSLACK=${SLACK}\nSTRIPE=${STRIPE}\n`, 'b.env': `AGAIN=${LIVE_GH}\n` });
    seen.length = 0;
    const r = await cli(['scan', 'secrets', '--verify', '--format', 'json'], { cwd: dir, env: { GONOGO_VERIFY_BASE_URL: base } });
    expect(r.code, r.stderr).toBe(1);
    const findings = JSON.parse(r.stdout).findings as { ruleId: string; location: { file: string; line: number }; verified?: unknown; message: string }[];
    const got = findings.map((f) => [f.location.file, f.location.line, f.ruleId, f.verified]);
    expect(got).toEqual([
      ['a.env', 1, 'secrets.github-pat', true],
      ['a.env', 2, 'secrets.github-pat', false],
      ['a.env', 3, 'secrets.slack-bot-token', false],
      ['a.env', 4, 'secrets.stripe-secret-key', 'error'],
      ['b.env', 1, 'secrets.github-pat', true],
    ]);
    expect(findings[0]!.message).toContain('verified live by the provider');
    // One request per distinct secret, with the credential where the provider expects it.
    expect(seen.map((s) => s.path).sort()).toEqual(['/api/auth.test', '/user', '/user', '/v1/account']);
    expect(seen.find((s) => s.path === '/api/auth.test')!.auth).toBe(`Bearer ${SLACK}`);
    for (const s of [LIVE_GH, DEAD_GH, SLACK, STRIPE]) {
      expect(r.stdout).not.toContain(s);
      expect(r.stderr).not.toContain(s);
    }
    expect(r.stderr).toContain('verify: 4 credentials checked with their providers');
  });

  it('is off by default: no request, no verified field', async () => {
    const dir = tree({ 'a.env': `GH=${LIVE_GH}\n` });
    seen.length = 0;
    const r = await cli(['scan', 'secrets', '--format', 'json'], { cwd: dir, env: { GONOGO_VERIFY_BASE_URL: base } });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).findings[0].verified).toBeUndefined();
    expect(seen).toEqual([]);
  });

  it('scan.secrets.verify: true turns it on from the config, in `gonogo scan secrets` and the `gonogo scan` umbrella', async () => {
    const dir = tree({ 'gonogo.config.yaml': 'scan:\n  secrets:\n    verify: true\n', 'a.env': `GH=${LIVE_GH}\n` });
    for (const args of [['scan', 'secrets', '--format', 'json'], ['scan', '--format', 'json']]) {
      seen.length = 0;
      const r = await cli(args, { cwd: dir, env: { GONOGO_VERIFY_BASE_URL: base } });
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(1);
      const doc = JSON.parse(r.stdout) as { findings?: unknown[]; checks?: { findings?: unknown[] }[] };
      const findings = (doc.findings ?? doc.checks!.flatMap((c) => c.findings ?? [])) as { ruleId: string; verified?: unknown }[];
      expect(findings.filter((f) => f.ruleId === 'secrets.github-pat').map((f) => f.verified), args.join(' ')).toEqual([true]);
      expect(seen.map((x) => x.path)).toEqual(['/user']);
      expect(r.stdout).not.toContain(LIVE_GH);
    }
  });

  it('refuses a non-loopback override (exit 2) rather than sending secrets there', async () => {
    const dir = tree({ 'a.env': `GH=${LIVE_GH}\n` });
    const r = await cli(['scan', 'secrets', '--verify'], { cwd: dir, env: { GONOGO_VERIFY_BASE_URL: 'http://203.0.113.9:8080' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('GONOGO_VERIFY_BASE_URL must be a loopback http URL');
  });
});
