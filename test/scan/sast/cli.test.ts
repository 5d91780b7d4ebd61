import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tmpDir } from '../../helpers/cli.js';

// Spawns dist/cli/main.js: run `npm run build` first (npm test does).
let dir: string;
beforeAll(() => {
  dir = tmpDir('gonogo-sast-');
  mkdirSync(path.join(dir, 'src'));
  writeFileSync(path.join(dir, 'src', 'app.py'), 'import os\nfrom flask import request\n\ndef ping():\n    os.system("ping " + request.args["host"])\n');
  writeFileSync(path.join(dir, 'src', 'util.ts'), 'export const re = /^(a+)+$/;\n');
  writeFileSync(path.join(dir, 'src', 'clean.js'), 'module.exports = (a, b) => a + b;\n');
});

describe('gonogo scan sast', () => {
  it('exits 1 when a finding is at or above --fail-on, 0 when none is', async () => {
    const r = await runCli(['scan', 'sast', dir]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain('sast.py-os-system');
    expect(r.stdout).toMatch(/app\.py:5/);
    // Only the medium ReDoS finding is left when the critical rule is not selected.
    const medium = await runCli(['scan', 'sast', dir, '--rules', 'redos', '--fail-on', 'high']);
    expect(medium.code, medium.stderr).toBe(0);
    expect(medium.stdout).toContain('sast.redos');
  });

  it('--format json follows the findings contract with file:line', async () => {
    const r = await runCli(['scan', 'sast', dir, '--format', 'json']);
    const j = JSON.parse(r.stdout);
    const f = j.findings.find((x: { ruleId: string }) => x.ruleId === 'sast.py-os-system');
    expect(f).toMatchObject({ severity: 'critical', location: { file: 'src/app.py', line: 5 } });
    expect(f.fingerprint).toMatch(/^[0-9a-f]{32}$/);
  });

  it('--format sarif carries the rule CWE and OWASP tags', async () => {
    const r = await runCli(['scan', 'sast', dir, '--format', 'sarif']);
    const log = JSON.parse(r.stdout);
    expect(log.version).toBe('2.1.0');
    const rule = log.runs[0].tool.driver.rules.find((x: { id: string }) => x.id === 'sast.py-os-system');
    expect(rule.properties.tags).toEqual(expect.arrayContaining(['security', 'external/cwe/cwe-078']));
    expect(log.runs[0].results.some((x: { locations: { physicalLocation: { region: { startLine: number } } }[] }) => x.locations[0]!.physicalLocation.region.startLine === 5)).toBe(true);
  });

  it('an unknown rule, a bad severity or a missing folder is a usage error (exit 2)', async () => {
    const rule = await runCli(['scan', 'sast', dir, '--rules', 'py-evl']);
    expect(rule.code).toBe(2);
    expect(rule.stderr).toMatch(/unknown rule "py-evl"[\s\S]*did you mean "sast\.py-eval"/);
    expect((await runCli(['scan', 'sast', dir, '--fail-on', 'severe'])).code).toBe(2);
    const missing = await runCli(['scan', 'sast', path.join(dir, 'nope')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('ENOENT');
  });

  it('scan.sast config: disable and suppressions (reason, owner, expiry) apply', async () => {
    const cfg = path.join(dir, 'gonogo.config.yaml');
    writeFileSync(cfg, 'scan:\n  sast:\n    disable: [redos]\n  suppressions:\n    - id: sast.py-os-system\n      reason: host is validated by the ingress\n      owner: platform-team\n      expires: 2999-01-01\n');
    const r = await runCli(['--config', cfg, 'scan', 'sast', dir, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).findings).toEqual([]);
  });
});
