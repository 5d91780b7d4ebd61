import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { afterEach, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { frameResult, unframeResults } from '../../src/load/k8s/result-frame.js';
import { GonogoError } from '../../src/core/errors.js';
import { readJson, runCli, tmpDir } from '../helpers/cli.js';
import { httpServer, serverPool } from '../helpers/servers.js';
import { resultFromSamples } from './segment-results.js';

const { track } = serverPool(afterEach);
const CONTAINERFILE = fileURLToPath(new URL('../../Containerfile', import.meta.url));

async function jobYaml(args: string[]): Promise<{ dir: string; file: string; docs: Record<string, unknown>[] }> {
  const dir = tmpDir('gonogo-k8s-');
  const file = path.join(dir, 'job.yaml');
  const r = await runCli(['k8s', 'job', ...args, '--out', file], { cwd: dir });
  expect(r.code, r.stderr).toBe(0);
  return { dir, file, docs: parseAllDocuments(readFileSync(file, 'utf8')).map((d) => d.toJS() as Record<string, unknown>) };
}

describe('gonogo k8s job', () => {
  it('writes a ConfigMap and an Indexed Job that validate against the Kubernetes schemas (kubernetes-models, offline)', async () => {
    const dir0 = tmpDir('gonogo-k8s-sc-');
    const scenario = path.join(dir0, 'shop.ts');
    writeFileSync(scenario, "import { defineScenario } from 'gonogo';\nexport default defineScenario({ executor: { type: 'constant-users', users: 2, duration: '1s' }, tasks: [] });\n");
    const { docs } = await jobYaml(['http://svc.test:8080/', '-R', '1000', '-d', '20m', '--parallelism', '4', '--image', 'registry.example/gonogo:1.2.3', '--cpu', '500m', '--memory', '256Mi', '--scenario', scenario]);
    const [cm, job] = docs as [Record<string, any>, Record<string, any>]; // eslint-disable-line @typescript-eslint/no-explicit-any -- asserted field by field
    expect(() => new ConfigMap(cm as never).validate()).not.toThrow();
    expect(() => new Job(job as never).validate()).not.toThrow();
    expect(job.spec).toMatchObject({ completionMode: 'Indexed', completions: 4, parallelism: 4, backoffLimit: 0 });
    const c = job.spec.template.spec.containers[0];
    expect(c.image).toBe('registry.example/gonogo:1.2.3');
    expect(c.resources).toEqual({ requests: { cpu: '500m', memory: '256Mi' }, limits: { cpu: '500m', memory: '256Mi' } });
    expect(c.args).toEqual(['k8s', 'pod', '--segments', '4', '--args-file', '/etc/gonogo/args.json']);
    const args = JSON.parse(cm.data['args.json']) as string[];
    expect(args.slice(0, 5)).toEqual(['http://svc.test:8080/', '--duration', '20m', '--rate', '1000']);
    expect(args[args.indexOf('--scenario') + 1]).toBe('/etc/gonogo/files/shop.ts');
    const items = job.spec.template.spec.volumes[0].configMap.items as { key: string; path: string }[];
    const item = items.find((i) => i.path === 'files/shop.ts')!;
    expect(cm.data[item.key]).toBe(readFileSync(scenario, 'utf8'));
    expect(items).toContainEqual({ key: 'args.json', path: 'args.json' });
    // The validator is real: a broken Job is refused.
    expect(() => new Job({ ...job, spec: { ...job.spec, completionMode: 3 } } as never).validate()).toThrow(/completionMode/);
  });

  it('the manifests and the Containerfile pass `gonogo scan iac` without a finding', async () => {
    const { dir } = await jobYaml(['http://svc.test:8080/', '-c', '50', '-d', '1m']);
    copyFileSync(CONTAINERFILE, path.join(dir, 'Containerfile'));
    const r = await runCli(['scan', 'iac', dir, '--format', 'json']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { findings: unknown[] };
    expect(report.findings).toEqual([]);
    expect(r.stdout).toMatch(/Dockerfile|Containerfile|Kubernetes/);
  });

  it('refuses flags the pods own and bad load flags with exit 2, before writing anything', async () => {
    for (const [args, what] of [[['http://x/', '--csv', 'r'], /unknown option/], [['http://x/', '--execution-segment', '0:1/2'], /unknown option/], [['http://x/', '-c', 'many'], /--connections/], [['http://x/', '--parallelism', '0'], /--parallelism/], [['http://x/', '--name', 'Bad_Name'], /--name/]] as const) {
      const r = await runCli(['k8s', 'job', ...args]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(what);
    }
  });
});

describe('pod results in logs', () => {
  it('frames survive log prefixes and other lines; truncation and damage are exit 2 naming the log', () => {
    const r = resultFromSamples([{ endpoint: 'GET /', second: 0, ms: 3 }], { segment: '0:1/2', sequence: '0,1/2,1' });
    const framed = frameResult(JSON.stringify(r), '0:1/2');
    const log = `starting\n${framed.split('\n').map((l) => `[pod/gonogo-load-0-abc/gonogo] ${l}`).join('\n')}done\n`;
    const [got] = unframeResults('pod/gonogo-load-0-abc', log);
    expect(got!.result.totals.requests).toBe(1);
    const lines = framed.trimEnd().split('\n');
    const expectErr = (text: string, what: RegExp) => {
      try {
        unframeResults('logs/pod-1.log', text);
      } catch (e) {
        expect((e as GonogoError).code).toBe('GONOGO_MERGE_INPUT');
        expect((e as GonogoError).message).toMatch(/^logs\/pod-1.log: /);
        expect((e as GonogoError).message).toMatch(what);
        return;
      }
      throw new Error('expected an error');
    };
    expectErr(lines.slice(0, -1).join('\n'), /cut short/);
    expectErr([...lines.slice(0, 1), lines[1]!.slice(0, -8), ...lines.slice(2)].join('\n'), /damaged/);
  });

  it('pods started with JOB_COMPLETION_INDEX each run their segment; collect --from-dir merges them exactly', async () => {
    let served = 0;
    const srv = await track(httpServer((_req, res) => {
      served++;
      res.end('ok');
    }));
    const dir = tmpDir('gonogo-pods-');
    const args = path.join(dir, 'args.json');
    writeFileSync(args, JSON.stringify([`${srv.url}/`, '-R', '30', '-d', '2s', '-c', '8', '--workers', '1']));
    const logs = path.join(dir, 'logs');
    mkdirSync(logs);
    const pods = await Promise.all([0, 1, 2].map((i) => runCli(['k8s', 'pod', '--segments', '3', '--args-file', args], { env: { JOB_COMPLETION_INDEX: String(i) } })));
    pods.forEach((p, i) => {
      expect(p.code, p.stderr).toBe(0);
      writeFileSync(path.join(logs, `pod-${i}.log`), p.stdout);
    });
    const out = path.join(dir, 'merged.json');
    const merged = await runCli(['k8s', 'collect', 'gonogo-load', '--from-dir', logs, '--out', out, '--threshold', 'http_reqs: count==60']);
    expect(merged.code, merged.stderr + merged.stdout).toBe(0);
    const m = readJson(out);
    expect(m.totals.requests).toBe(60);
    expect(m.totals.requests).toBe(served);
    expect(m.segments.map((s: { segment: string; requests: number }) => [s.segment, s.requests])).toEqual([['0:1/3', 20], ['1/3:2/3', 20], ['2/3:1', 20]]);
    // A pod whose log lost its end: exit 2 naming that log.
    writeFileSync(path.join(logs, 'pod-1.log'), pods[1]!.stdout.split('GONOGO-RESULT-END')[0]!);
    const bad = await runCli(['k8s', 'collect', 'gonogo-load', '--from-dir', logs]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(path.join(logs, 'pod-1.log'));
  }, 60_000);

  it('ships what the scenario needs: its local imports, the feeder files it reads and the config, in their own layout', async () => {
    const seen: string[] = [];
    const srv = await track(httpServer((req, res) => {
      seen.push(req.url ?? '');
      res.end('ok');
    }));
    const project = tmpDir('gonogo-k8s-proj-');
    mkdirSync(path.join(project, 'scenarios', 'lib'), { recursive: true });
    mkdirSync(path.join(project, 'data'));
    writeFileSync(path.join(project, 'data', 'users.csv'), 'name\nada\nbob\ncy\ndee\n');
    writeFileSync(path.join(project, 'scenarios', 'lib', 'paths.ts'), "export const profile = (name: string): string => `/users/${name}`;\n");
    writeFileSync(
      path.join(project, 'scenarios', 'shop.ts'),
      "import { defineScenario, feeder, task } from 'gonogo';\nimport { profile } from './lib/paths.js';\nconst users = feeder.csv('../data/users.csv');\n" +
        "export default defineScenario({ executor: { type: 'constant-arrival-rate', rate: 4, duration: '1s' }, tasks: [task('me', async (vu) => { await vu.http.get(profile(vu.feed(users).name)); })] });\n",
    );
    writeFileSync(path.join(project, 'gonogo.config.yml'), `target: ${srv.url}\nload:\n  scenario: scenarios/shop.ts\n`);
    const file = path.join(project, 'job.yaml');
    const r = await runCli(['k8s', 'job', '--parallelism', '2', '--out', file], { cwd: project });
    expect(r.code, r.stderr).toBe(0);
    const [cm, job] = parseAllDocuments(readFileSync(file, 'utf8')).map((d) => d.toJS()) as [Record<string, any>, Record<string, any>]; // eslint-disable-line @typescript-eslint/no-explicit-any -- asserted field by field
    expect(() => new ConfigMap(cm as never).validate()).not.toThrow();
    expect(() => new Job(job as never).validate()).not.toThrow();
    const items = job.spec.template.spec.volumes[0].configMap.items as { key: string; path: string }[];
    expect(items.map((i) => i.path).sort()).toEqual(['args.json', 'files/data/users.csv', 'files/gonogo.config.yml', 'files/scenarios/lib/paths.ts', 'files/scenarios/shop.ts']);
    // Lay the ConfigMap out as the pod's volume would (under a temporary folder instead of /etc/gonogo) and run both pods.
    const mount = tmpDir('gonogo-k8s-mount-');
    for (const i of items) {
      mkdirSync(path.dirname(path.join(mount, i.path)), { recursive: true });
      writeFileSync(path.join(mount, i.path), i.key === 'args.json' ? cm.data['args.json'].replaceAll('/etc/gonogo', mount) : cm.data[i.key]);
    }
    expect(JSON.parse(cm.data['args.json'])).toEqual(['--config', '/etc/gonogo/files/gonogo.config.yml']);
    const pods = await Promise.all([0, 1].map((i) => runCli(['k8s', 'pod', '--segments', '2', '--args-file', path.join(mount, 'args.json')], { cwd: tmpDir('gonogo-pod-cwd-'), env: { JOB_COMPLETION_INDEX: String(i) } })));
    for (const p of pods) expect(p.code, p.stderr).toBe(0);
    // Each pod read the shipped CSV (rows from the file, not a default) and ran its half of the 4 iterations.
    expect(seen).toHaveLength(4);
    for (const url of seen) expect(['/users/ada', '/users/bob', '/users/cy', '/users/dee']).toContain(url);
  }, 60_000);

  it('JOB_COMPLETION_INDEX out of range is exit 2', async () => {
    const dir = tmpDir('gonogo-pods-');
    writeFileSync(path.join(dir, 'a.json'), '["http://127.0.0.1:1/"]');
    const r = await runCli(['k8s', 'pod', '--segments', '2', '--args-file', path.join(dir, 'a.json')], { env: { JOB_COMPLETION_INDEX: '2' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/JOB_COMPLETION_INDEX/);
  });
});

