import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../../src/core/config/index.js';
import { customIacRules } from '../../../src/scan/iac/custom-rules.js';
import { scanIacText } from '../../../src/scan/iac/engine.js';
import { runIac } from '../../../src/scan/iac/run.js';
import { runCli, tmpDir } from '../../helpers/cli.js';

/** scan.iac.custom: the project's own conditions on manifests, compose services and Dockerfiles. */
const CONFIG = {
  scan: {
    iac: {
      custom: [
        { id: 'iac.custom.no-nodeport', title: 'NodePort services are not allowed', severity: 'medium', file: 'k8s', objects: ['Service'], path: 'spec.type', flag: { equals: 'NodePort' } },
        { id: 'iac.custom.registry', title: 'Images come from our registry', severity: 'high', cwe: 'CWE-829', file: 'k8s', path: 'spec.template.spec.containers[*].image', flag: { matches: '^(?!registry\\.example\\.com/)' } },
        { id: 'iac.custom.team-label', title: 'Every object names its team', severity: 'low', file: 'k8s', path: 'metadata.labels["example.com/team"]', flag: { missing: true } },
        { id: 'iac.custom.compose-ports', title: 'Compose services publish only on loopback', severity: 'medium', file: 'compose', path: 'ports[*]', flag: { matches: '^(?!127\\.0\\.0\\.1:)' } },
        { id: 'iac.custom.no-upgrade', title: 'No distro upgrade in images', severity: 'low', file: 'dockerfile', instruction: 'RUN', flag: { matches: 'apt-get (dist-)?upgrade' } },
        { id: 'iac.custom.need-user', title: 'Dockerfiles set a USER', severity: 'medium', file: 'dockerfile', instruction: 'USER', flag: { missing: true } },
      ],
    },
  },
};

const MANIFEST = `apiVersion: v1
kind: Service
metadata:
  name: web
  labels:
    example.com/team: shop
spec:
  type: NodePort
  ports: [{ port: 80 }]
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: app
          image: registry.example.com/web:1.2.3
        - name: sidecar
          image: docker.io/envoyproxy/envoy:v1.30
`;

function rules() {
  return customIacRules(validateConfig(CONFIG).scan?.iac?.custom);
}

function hits(text: string, name: string, kind: 'yaml' | 'compose' | 'dockerfile') {
  return scanIacText(text, name, kind, rules()).findings.map((f) => `${f.ruleId}:${'line' in f.location ? f.location.line : 0}`);
}

describe('custom IaC rules (scan.iac.custom)', () => {
  it('applies k8s rules to any object kind, at the line of the value, and names the object', () => {
    const r = scanIacText(MANIFEST, 'deploy.yaml', 'yaml', rules());
    expect(r.findings.map((f) => `${f.ruleId}:${'line' in f.location ? f.location.line : 0}`)).toEqual([
      'iac.custom.no-nodeport:8',
      'iac.custom.team-label:13',
      'iac.custom.registry:22',
    ]);
    const nodeport = r.findings.find((f) => f.ruleId === 'iac.custom.no-nodeport')!;
    expect(nodeport.message).toBe('NodePort services are not allowed: spec.type is NodePort (Service web)');
    expect(r.findings.find((f) => f.ruleId === 'iac.custom.registry')!.message).toContain('docker.io/envoyproxy/envoy:v1.30 (Deployment web)');
  });

  it('leaves a compliant manifest alone (objects filter, quoted key with dots and slash, equals on a list)', () => {
    const good = MANIFEST.replace('type: NodePort', 'type: ClusterIP').replace('docker.io/envoyproxy', 'registry.example.com/envoyproxy').replace('name: web\nspec:\n  template', 'name: web\n  labels:\n    example.com/team: shop\nspec:\n  template');
    expect(hits(good, 'deploy.yaml', 'yaml')).toEqual([]);
  });

  it('checks compose services from the service root and Dockerfile instructions, present or missing', () => {
    const compose = 'services:\n  web:\n    image: web\n    ports:\n      - "127.0.0.1:8080:8080"\n      - "9090:9090"\n';
    expect(hits(compose, 'compose.yaml', 'compose')).toEqual(['iac.custom.compose-ports:6']);
    const df = 'FROM debian:12\nRUN apt-get update && apt-get upgrade -y\nCMD ["app"]\n';
    expect(hits(df, 'Dockerfile', 'dockerfile').sort()).toEqual(['iac.custom.need-user:1', 'iac.custom.no-upgrade:2']);
    expect(hits('FROM debian:12\nRUN apt-get update\nUSER app\n', 'Dockerfile', 'dockerfile')).toEqual([]);
  });

  it('runs from the config through runIac, selectable and disableable by id like a built-in', async () => {
    const root = tmpDir('gonogo-iac-custom-');
    mkdirSync(path.join(root, 'k8s'));
    writeFileSync(path.join(root, 'k8s', 'web.yaml'), MANIFEST);
    const config = validateConfig(CONFIG);
    const only = await runIac({ root, scan: config.scan, rules: ['iac.custom.no-nodeport'] });
    expect(only.result.findings.map((f) => f.ruleId)).toEqual(['iac.custom.no-nodeport']);
    expect(only.checks.find((c) => c.id === 'iac.custom.no-nodeport')?.title).toBe('NodePort services are not allowed');
    const off = await runIac({ root, scan: { ...config.scan, iac: { ...config.scan!.iac, disable: ['iac.custom.no-nodeport', 'iac.custom.team-label', 'iac.custom.registry'] } } });
    expect(off.result.findings.filter((f) => f.ruleId.startsWith('iac.custom.'))).toEqual([]);
  });

  it('rejects a bad rule with the config path and what to write (exit 2 from the CLI)', async () => {
    const root = tmpDir('gonogo-iac-custom-bad-');
    writeFileSync(
      path.join(root, 'gonogo.yml'),
      'scan:\n  iac:\n    custom:\n      - id: iac.custom.x\n        title: x\n        severity: high\n        file: k8s\n        path: spec..type\n        flag: { equals: a, present: true }\n      - id: iac.custom.y\n        title: y\n        severity: low\n        file: dockerfile\n        path: spec.type\n        flag: { matches: "(" }\n',
    );
    const r = await runCli(['scan', 'iac', root, '--config', path.join(root, 'gonogo.yml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/scan\.iac\.custom\[0\]\.path[\s\S]*dotted path/);
    expect(r.stderr).toMatch(/scan\.iac\.custom\[0\]\.flag[\s\S]*exactly one of/);
    expect(r.stderr).toMatch(/scan\.iac\.custom\[1\]\.instruction[\s\S]*needs "instruction"/);
    expect(r.stderr).toMatch(/scan\.iac\.custom\[1\]\.flag\.matches[\s\S]*regular expression/);
    expect(r.stderr).toContain('gonogo.yml:8');
    expect(r.stderr).not.toMatch(/\n\s+at .*:\d+:\d+\)/);
  });
});
