import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/core/config/index.js';
import { runCli, tmpDir } from '../helpers/cli.js';

/** scan.rulesDir: custom SAST and IaC rules kept in their own files, next to the inline ones. */
function project(rulesFile: string, config = 'scan:\n  rulesDir: rules\n  iac:\n    custom:\n      - { id: iac.custom.inline, title: Inline rule, severity: low, file: k8s, path: spec.type, flag: { equals: LoadBalancer } }\n') {
  const root = tmpDir('gonogo-rules-dir-');
  mkdirSync(path.join(root, 'rules'));
  writeFileSync(path.join(root, 'gonogo.yml'), config);
  writeFileSync(path.join(root, 'rules', 'team.yml'), rulesFile);
  writeFileSync(path.join(root, 'rules', 'README.md'), 'not a rules file');
  mkdirSync(path.join(root, 'k8s'));
  writeFileSync(path.join(root, 'k8s', 'svc.yaml'), 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: NodePort\n');
  return root;
}

const RULES = `iac:
  - id: iac.custom.no-nodeport
    title: NodePort services are not allowed
    severity: high
    file: k8s
    path: spec.type
    flag: { equals: NodePort }
sast:
  - id: sast.custom.audit-log
    title: Request data written raw to the audit log
    severity: high
    sinks: ["audit\\\\.write"]
`;

describe('scan.rulesDir', () => {
  it("appends the folder's rules to the inline ones, and they run like built-ins", async () => {
    const root = project(RULES);
    const { config } = await loadConfig({ cwd: root, configPath: path.join(root, 'gonogo.yml') });
    expect(config.scan?.iac?.custom?.map((r) => r.id)).toEqual(['iac.custom.inline', 'iac.custom.no-nodeport']);
    expect(config.scan?.sast?.custom?.map((r) => r.id)).toEqual(['sast.custom.audit-log']);
    const r = await runCli(['scan', 'iac', path.join(root, 'k8s'), '--config', path.join(root, 'gonogo.yml'), '--format', 'json']);
    expect(r.code, r.stderr).toBe(1);
    expect(JSON.parse(r.stdout).findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['iac.custom.no-nodeport']);
  });

  it('points a bad rule at its own file and line, exit 2, no stack trace', async () => {
    const root = project(RULES.replace('flag: { equals: NodePort }', 'flag: { equals: NodePort, missing: true }'));
    const r = await runCli(['scan', 'iac', path.join(root, 'k8s'), '--config', path.join(root, 'gonogo.yml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/rules[\\/]team\.yml:7:\d+ scan\.iac\.custom\[1\]\.flag: expected exactly one of/);
    expect(r.stderr).not.toMatch(/\n\s+at .*:\d+:\d+\)/);
  });

  it('rejects an unknown key, a missing folder and a YAML error with the file named', async () => {
    const unknown = await runCli(['scan', 'iac', '.', '--config', path.join(project('secrets: []\n'), 'gonogo.yml')]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/team\.yml[^\n]*unknown key "secrets"/);
    const missing = await runCli(['scan', 'iac', '.', '--config', path.join(project(RULES, 'scan:\n  rulesDir: nowhere\n'), 'gonogo.yml')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('scan.rulesDir: cannot read the rules folder nowhere: ENOENT');
    const broken = await runCli(['scan', 'iac', '.', '--config', path.join(project('iac:\n  - id: [\n'), 'gonogo.yml')]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/could not parse [^\n]*team\.yml/);
  });
});
