import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../../src/core/config/index.js';
import { runSecrets } from '../../../src/scan/secrets/run.js';
import { cli, SECRETS, tree } from './helpers.js';

/** Secrets go through the remediation register like every scanner's findings (docs/remediation.md). */
describe('secrets findings in the remediation register', () => {
  const files = () => ({ 'src/deploy.ts': `export const token = "${SECRETS.github}";\n`, 'ops/notify.sh': `SLACK_TOKEN=${SECRETS.slack}\n` });
  const now = new Date('2026-11-22T09:00:00Z');

  it('open findings get a priority and a due date from the SLA, in the field and the message', async () => {
    const root = tree(files());
    const r = await runSecrets({ source: { kind: 'dir', path: root }, scan: validateConfig({ scan: {} }).scan, configDir: root, now });
    // github-pat is critical (P1, 1-day SLA), slack-bot-token high (P2, 7 days).
    expect(r.open.map((f) => [f.ruleId, f.severity, f.priority, f.due]).sort()).toEqual([
      ['secrets.github-pat', 'critical', 'P1', '2026-11-23'],
      ['secrets.slack-bot-token', 'high', 'P2', '2026-11-29'],
    ]);
    expect(r.open.map((f) => f.message.replace(/^.*(\[[^\]]*\])$/, '$1')).sort()).toEqual(['[P1, due 2026-11-23]', '[P2, due 2026-11-29]']);
    expect(r.check.status).toBe('fail');
  });

  it('a suppression with reason, owner and expiry hides a secret until it expires, then it is back and says so', async () => {
    const root = tree(files());
    const scan = validateConfig({ scan: { suppressions: [{ id: 'secrets.github-pat', path: 'src/**', reason: 'revoked token kept for a test', owner: 'alice', expires: '2026-11-30' }] } }).scan;
    const held = await runSecrets({ source: { kind: 'dir', path: root }, scan, configDir: root, now });
    expect(held.open.map((f) => f.ruleId)).toEqual(['secrets.slack-bot-token']);
    expect(held.register.suppressed.map((s) => s.finding.ruleId)).toEqual(['secrets.github-pat']);
    expect(held.check.evidence).toContain('1 suppressed');

    const lapsed = await runSecrets({ source: { kind: 'dir', path: root }, scan, configDir: root, now: new Date('2026-12-01T09:00:00Z') });
    const back = lapsed.open.find((f) => f.ruleId === 'secrets.github-pat')!;
    expect(back.suppressionExpired).toEqual({ reason: 'revoked token kept for a test', owner: 'alice', expires: '2026-11-30' });
    expect(back.message).toContain('[suppression expired 2026-11-30');
    expect(lapsed.check.evidence).toContain('1 back after an expired suppression');
  });

  it('scan.register records first sightings, so a secret left in place becomes overdue', async () => {
    const root = tree(files());
    const scan = validateConfig({ scan: { register: 'register.json' } }).scan;
    await runSecrets({ source: { kind: 'dir', path: root }, scan, configDir: root, now });
    const saved = JSON.parse(readFileSync(path.join(root, 'register.json'), 'utf8')) as { findings: Record<string, { ruleId: string; firstSeen: string }> };
    expect(Object.values(saved.findings).map((e) => `${e.ruleId} ${e.firstSeen}`).sort()).toEqual(['secrets.github-pat 2026-11-22', 'secrets.slack-bot-token 2026-11-22']);
    // The register holds fingerprints and rule ids only, never the secret.
    expect(readFileSync(path.join(root, 'register.json'), 'utf8')).not.toContain(SECRETS.github);

    const later = await runSecrets({ source: { kind: 'dir', path: root }, scan, configDir: root, now: new Date('2026-11-25T09:00:00Z') });
    const github = later.open.find((f) => f.ruleId === 'secrets.github-pat')!;
    expect(github.message).toContain('[P1, due 2026-11-23, OVERDUE]');
    expect(later.open.find((f) => f.ruleId === 'secrets.slack-bot-token')!.message).toContain('[P2, due 2026-11-29]');
    expect(later.check.evidence).toContain('1 overdue');
  });

  it('gonogo scan secrets: a suppressed secret does not fail the gate; the same secret unsuppressed does', async () => {
    const root = tree({ 'src/deploy.ts': `export const token = "${SECRETS.github}";\n` });
    const open = await cli(['scan', 'secrets', root], { cwd: root });
    expect(open.code, open.stderr).toBe(1);
    expect(open.stdout).toMatch(/\[P1, due \d{4}-\d\d-\d\d\]/);
    const cfg = path.join(tree({ 'gonogo.config.yaml': `scan:\n  suppressions:\n    - id: secrets.github-pat\n      reason: revoked, kept as a fixture\n      owner: alice\n      expires: 2999-12-31\n` }), 'gonogo.config.yaml');
    const held = await cli(['--config', cfg, 'scan', 'secrets', root, '--format', 'json'], { cwd: root });
    expect(held.code, held.stderr).toBe(0);
    const check = (JSON.parse(held.stdout) as { checks: { id: string; status: string; evidence: string }[] }).checks[0]!;
    expect(check).toMatchObject({ id: 'secrets', status: 'pass' });
    expect(check.evidence).toContain('1 suppressed');
  });
});
