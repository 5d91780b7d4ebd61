import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';

const FIX = fileURLToPath(new URL('../../fixtures/iac/', import.meta.url));

describe('gonogo scan iac', () => {
  it('exits 1 on the insecure fixtures and 0 on the hardened manifest', async () => {
    const bad = await runCli(['scan', 'iac', FIX]);
    expect(bad.code, bad.stderr).toBe(1);
    expect(bad.stdout).toContain('iac.k8s-privileged');
    const good = await runCli(['scan', 'iac', `${FIX}k8s/hardened.yml`]);
    expect(good.code, good.stdout + good.stderr).toBe(0);
  });

  it('--format json gives every finding a file and line; --rules narrows the run', async () => {
    const r = await runCli(['scan', 'iac', FIX, '--format', 'json', '--rules', 'compose-docker-socket,iac.dockerfile-sudo']);
    const j = JSON.parse(r.stdout);
    expect(j.findings.map((f: { ruleId: string }) => f.ruleId).sort()).toEqual(['iac.compose-docker-socket', 'iac.dockerfile-sudo', 'iac.parse-error', 'iac.parse-error']);
    for (const f of j.findings) expect(f.location.line).toBeGreaterThan(0);
    expect(r.code).toBe(1);
  });

  it('--format sarif is valid-looking SARIF with regions', async () => {
    const r = await runCli(['scan', 'iac', `${FIX}compose`, '--format', 'sarif']);
    const log = JSON.parse(r.stdout);
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0].results.length).toBe(6);
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('docker-compose.yml');
  });

  it('an unknown rule id is a usage error', async () => {
    const r = await runCli(['scan', 'iac', FIX, '--rules', 'k8s-privleged']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('iac.k8s-privileged');
  });
});
