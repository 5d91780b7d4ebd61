import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, tmpTree } from '../helpers/cli.js';
import { httpServer, serverPool } from '../helpers/servers.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const servers = serverPool(afterEach);

const project = (files: Record<string, string>): string => tmpTree(files, 'gonogo-docs-');

const CLEAN = { 'README.md': '# Demo\n\nSee [usage](docs/usage.md#run-it).\n', 'docs/usage.md': '# Usage\n\n## Run it\n\n```bash\ngonogo docs README.md docs/\n```\n' };
const BROKEN = { 'README.md': '# Demo\n\nSee [usage](docs/usage.md#nope) and [gone](gone.md).\n\n```\nno language\n```\n', 'docs/usage.md': '# Usage\n' };

describe('gonogo docs', () => {
  it('exits 0 on clean docs and prints the summary', async () => {
    const r = await runCli(['docs', '-q'], { cwd: project(CLEAN) });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('0 broken internal links across 2 files');
    expect(r.stdout).toContain('0 code block problems in 1 block across 2 files');
  });

  it('exits 1 on findings, with file:line in every format', async () => {
    const dir = project(BROKEN);
    const table = await runCli(['docs', '-q'], { cwd: dir });
    expect(table.code).toBe(1);
    expect(table.stdout).toContain('2 broken internal links across 2 files');
    expect(table.stdout).toMatch(/docs\.anchor-broken\s+README\.md:3\s+no heading or anchor "#nope" in docs\/usage\.md/);

    const json = await runCli(['docs', '-q', '--format', 'json'], { cwd: dir });
    expect(json.code).toBe(1);
    const j = JSON.parse(json.stdout);
    expect(j.findings.map((f: { ruleId: string; location: { file: string; line: number } }) => `${f.ruleId} ${f.location.file}:${f.location.line}`)).toEqual([
      'docs.anchor-broken README.md:3',
      'docs.link-broken README.md:3',
      'docs.code-no-lang README.md:5',
    ]);
    expect(j.checks.find((c: { id: string }) => c.id === 'docs.links').evidence).toBe('2 broken internal links across 2 files (2 links checked)');

    const sarif = await runCli(['docs', '-q', '--format', 'sarif'], { cwd: dir });
    expect(sarif.code).toBe(1);
    const s = JSON.parse(sarif.stdout);
    expect(s.version).toBe('2.1.0');
    expect(s.runs[0].results.map((x: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }) => `${x.ruleId} ${x.locations[0]!.physicalLocation.artifactLocation.uri}:${x.locations[0]!.physicalLocation.region.startLine}`)).toEqual([
      'docs.anchor-broken README.md:3',
      'docs.link-broken README.md:3',
      'docs.code-no-lang README.md:5',
    ]);
  });

  it('table: findings are printed as files are read, then the checks and the summary; JSON keeps its one document', async () => {
    const dir = project({ ...BROKEN, 'docs/zz.md': '# Z\n\n[gone](nowhere.md)\n' });
    const r = await runCli(['docs', '-q'], { cwd: dir });
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Findings');
    const row = (re: RegExp) => lines.findIndex((l) => re.test(l));
    const first = row(/docs\.anchor-broken\s+README\.md:3/);
    const last = row(/docs\.link-broken\s+docs\/zz\.md:3/);
    const checks = row(/^FAIL\s+docs\.links/);
    expect([first > 0, last > first, checks > last]).toEqual([true, true, true]);
    expect(lines.filter((l) => l === 'Findings')).toHaveLength(1);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toMatch(/^7 checks: .*; 4 findings: /);
    const json = JSON.parse((await runCli(['docs', '-q', '--format', 'json'], { cwd: dir })).stdout);
    expect(json.findings).toHaveLength(4);
    expect(json.summary.findings.total).toBe(4);
  });

  it('table: ts and broken JSON blocks are checked after the last file, so their rows come last; JSON and SARIF keep file order', async () => {
    const dir = project({
      'a.md': '# A\n\n```ts\nconst a: number = ;\n```\n\n[gone](gone.md)\n',
      'b.md': '# B\n\n```json\n{ "a": 1, }\n```\n\n[missing](missing.md)\n',
    });
    const r = await runCli(['docs', '-q'], { cwd: dir });
    const rows = r.stdout.split('\n').filter((l) => /^\s+\w+\s+docs\./.test(l)).map((l) => l.trim().split(/\s+/).slice(1, 3).join(' '));
    expect(rows).toEqual(['docs.link-broken a.md:7', 'docs.link-broken b.md:7', 'docs.code-syntax a.md:4', 'docs.code-syntax b.md:4']);
    const json = JSON.parse((await runCli(['docs', '-q', '--format', 'json'], { cwd: dir })).stdout);
    expect(json.findings.map((f: { ruleId: string; location: { file: string; line: number } }) => `${f.ruleId} ${f.location.file}:${f.location.line}`)).toEqual([
      'docs.link-broken a.md:7',
      'docs.link-broken b.md:7',
      'docs.code-syntax a.md:4',
      'docs.code-syntax b.md:4',
    ]);
    // SARIF, written in pieces, is one valid document with every result.
    const sarif = JSON.parse((await runCli(['docs', '-q', '--format', 'sarif'], { cwd: dir })).stdout);
    expect(sarif.runs[0].results.map((x: { ruleId: string }) => x.ruleId)).toEqual(['docs.link-broken', 'docs.link-broken', 'docs.code-syntax', 'docs.code-syntax']);
  });

  it('--fail-on raises the bar: only findings at or above it fail', async () => {
    const r = await runCli(['docs', '-q', '--fail-on', 'high'], { cwd: project(BROKEN) });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('docs.link-broken');
  });

  it('--exclude leaves files out; paths on the command line replace the default', async () => {
    const dir = project(BROKEN);
    expect((await runCli(['docs', '-q', '--exclude', 'README.md'], { cwd: dir })).code).toBe(0);
    expect((await runCli(['docs', '-q', 'docs/'], { cwd: dir })).code).toBe(0);
  });

  it('exits 2 on usage and config mistakes, without a stack trace', async () => {
    const dir = project(CLEAN);
    const missing = await runCli(['docs', 'nope/'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('error[GONOGO_USAGE]: nope/ does not exist');
    const age = await runCli(['docs', '--external', '--max-age', 'soon'], { cwd: dir });
    expect(age.code).toBe(2);
    expect(age.stderr).toContain('--max-age');
    expect((await runCli(['docs', '--fail-on', 'severe'], { cwd: dir })).code).toBe(2);
    writeFileSync(path.join(dir, 'gonogo.config.yaml'), 'docs:\n  pahts: [README.md]\n');
    const cfg = await runCli(['docs'], { cwd: dir });
    expect(cfg.code).toBe(2);
    expect(cfg.stderr).toContain('GONOGO_CONFIG_INVALID');
    expect(cfg.stderr).toContain('paths');
    expect(cfg.stderr).not.toMatch(/\.js:\d+:\d+/);
  });

  it('reads the docs section: structure rules and paths from the config', async () => {
    const dir = project({
      'gonogo.config.yaml': 'docs:\n  paths: [guides]\n  structure:\n    "guides/*.md": [Overview, Steps]\n',
      'guides/a.md': '# A\n\n## Steps\n\n## Overview\n',
      'README.md': '[broken](nope.md)\n',
    });
    const r = await runCli(['docs', '-q', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).findings.map((f: { ruleId: string; location: { line: number } }) => `${f.ruleId}:${f.location.line}`)).toEqual(['docs.section-order:3']);
  });

  it('checks external links only with --external, and a second run answers from the cache', async () => {
    const srv = await servers.track(httpServer((req, res) => res.writeHead(req.url === '/ok' ? 200 : 404).end()));
    const dir = project({
      'gonogo.config.yaml': 'docs:\n  external:\n    spacing: 0s\n    retries: 0\n',
      'README.md': `# Links\n\n[ok](${srv.url}ok) and [gone](${srv.url}gone)\n`,
    });
    const offline = await runCli(['docs', '-q'], { cwd: dir });
    expect(offline.code).toBe(0);
    expect(srv.count()).toBe(0);
    const cache = path.join(dir, 'cache');
    const first = await runCli(['docs', '-q', '--external', '--cache', cache, '--format', 'json'], { cwd: dir });
    expect(first.code).toBe(1);
    expect(JSON.parse(first.stdout).findings.map((f: { message: string }) => f.message)).toEqual([`${srv.url}gone: HTTP 404`]);
    const sent = srv.count();
    expect(sent).toBe(3); // HEAD /ok, HEAD /gone, GET /gone
    const second = await runCli(['docs', '-q', '--external', '--cache', cache, '--format', 'json'], { cwd: dir });
    expect(second.code).toBe(1);
    expect(srv.count()).toBe(sent);
    expect(JSON.parse(second.stdout).checks.find((c: { id: string }) => c.id === 'docs.external').evidence).toContain('2 from cache');
  });

  it("finds nothing in this repository's own README.md and docs/", async () => {
    const r = await runCli(['docs', 'README.md', 'docs/', '-q', '--format', 'json'], { cwd: REPO });
    const findings = JSON.parse(r.stdout).findings as { ruleId: string; location: { file: string; line: number }; message: string }[];
    expect(findings.map((f) => `${f.location.file}:${f.location.line} ${f.ruleId} ${f.message}`)).toEqual([]);
    expect(r.code).toBe(0);
  });
});
