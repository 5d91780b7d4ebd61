import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireProgram } from '../../helpers/system.js';
import { SECRETS, cli, git, repo, tree } from './helpers.js';

const hasGit = requireProgram('git');

const rawSecrets = Object.values(SECRETS);

function leaked(text: string): string[] {
  return rawSecrets.filter((s) => text.includes(s));
}

describe('gonogo scan secrets', () => {
  let root: string;
  beforeAll(() => {
    root = tree({
      'src/config.ts': `export const token = "${SECRETS.github}";\n`,
      'billing.py': `stripe.api_key = '${SECRETS.stripe}'\n`,
      '.env': `AWS_SECRET_ACCESS_KEY=${SECRETS.awsSecret}\nDATABASE_URL=postgres://app:${SECRETS.pg}@db.internal:5432/app\n`,
      'client.js': `fetch(url, { headers: { Authorization: "Bearer ${SECRETS.jwt}" } });\nconst slack = "${SECRETS.slack}";\n`,
    });
  });

  for (const format of ['table', 'json', 'sarif']) {
    it(`masks every secret in --format ${format} (at most the first 4 characters)`, async () => {
      const r = await cli(['scan', 'secrets', root, '--format', format]);
      expect(r.code).toBe(1);
      expect(leaked(r.stdout + r.stderr)).toEqual([]);
      expect(r.stdout).toContain('ghp_****');
      expect(r.stdout).toContain('sk_l****');
      for (const id of ['secrets.github-pat', 'secrets.stripe-secret-key', 'secrets.aws-secret-access-key', 'secrets.postgres-url', 'secrets.slack-bot-token']) expect(r.stdout).toContain(id);
      if (format === 'json') {
        const doc = JSON.parse(r.stdout);
        expect(doc.findings.length).toBeGreaterThanOrEqual(6);
        expect(doc.findings.find((f: { ruleId: string }) => f.ruleId === 'secrets.github-pat').location).toEqual({ file: 'src/config.ts', line: 1 });
      }
      if (format === 'sarif') expect(JSON.parse(r.stdout).version).toBe('2.1.0');
    });
  }

  it('--no-mask prints the secret and warns on stderr', async () => {
    const r = await cli(['scan', 'secrets', root, '--format', 'json', '--no-mask']);
    expect(r.stdout).toContain(SECRETS.github);
    expect(r.stderr).toMatch(/warning: --no-mask/);
  });

  it('baseline: known findings are quiet, new ones are reported', async () => {
    const dir = tree({ 'a.ts': `const t = "${SECRETS.github}";\n` });
    const base = path.join(dir, '..', `${path.basename(dir)}-baseline.json`);
    const w = await cli(['scan', 'secrets', dir, '--write-baseline', base]);
    expect(w.code).toBe(0);
    expect(w.stderr).toMatch(/wrote 1 finding/);
    const quiet = await cli(['scan', 'secrets', dir, '--baseline', base]);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toContain('no new secrets; 1 known in baseline');
    expect(quiet.stdout).toContain('no new secrets; 1 known in baseline');
    // Moving the secret to another line keeps it known; a new secret is reported alone.
    writeFileSync(path.join(dir, 'a.ts'), `\n\nconst t = "${SECRETS.github}";\nconst s = "${SECRETS.stripe}";\n`);
    const fresh = await cli(['scan', 'secrets', dir, '--baseline', base, '--format', 'json']);
    expect(fresh.code).toBe(1);
    const doc = JSON.parse(fresh.stdout);
    expect(doc.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['secrets.stripe-secret-key']);
    expect(doc.checks[0].evidence).toMatch(/1 known in baseline/);
  });

  it('a documentation example key is reported at low severity and can be baselined', async () => {
    const dir = tree({ 'test-secret.txt': 'AWS_SECRET_KEY=AKIAIOSFODNN7EXAMPLE\n' });
    const r = await cli(['scan', 'secrets', dir, '--format', 'json']);
    expect(r.code).toBe(1);
    const f = JSON.parse(r.stdout).findings;
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ ruleId: 'secrets.aws-access-key-id', severity: 'low' });
    expect((await cli(['scan', 'secrets', dir, '--fail-on', 'medium'])).code).toBe(0);
    const base = `${dir}.baseline.json`;
    await cli(['scan', 'secrets', dir, '--write-baseline', base]);
    expect((await cli(['scan', 'secrets', dir, '--baseline', base])).code).toBe(0);
  });

  it('inline allow comments: a reason suppresses, an expired one comes back, a bare one does not count', async () => {
    const dir = tree({
      'allowed.ts': `// gonogo:allow secrets.github-pat test fixture for the client\nconst a = "${SECRETS.github}";\n`,
      'same-line.py': `key = '${SECRETS.stripe}'  # gonogo:allow sandbox key used by the docs\n`,
      'expired.ts': `const b = "${SECRETS.slack}"; // gonogo:allow rotated soon until=2020-01-01\n`,
      'bare.ts': `const c = "${SECRETS.jwt}"; // gonogo:allow\n`,
    });
    const r = await cli(['scan', 'secrets', dir, '--format', 'json']);
    const findings = JSON.parse(r.stdout).findings as { ruleId: string; message: string; location: { file: string } }[];
    expect(findings.map((f) => f.location.file).sort()).toEqual(['bare.ts', 'expired.ts']);
    expect(findings.find((f) => f.location.file === 'expired.ts')!.message).toMatch(/allowance expired on 2020-01-01/);
    expect(findings.find((f) => f.location.file === 'bare.ts')!.message).toMatch(/needs a reason/);
    expect(JSON.parse(r.stdout).checks[0].evidence).toMatch(/2 allowed inline/);
  });

  it('skips binary files and files over the size limit; honours .gitignore and .gonogoignore', async () => {
    const dir = tree({
      'bin.dat': `\u0000\u0001binary${SECRETS.github}`,
      'big.txt': `${SECRETS.stripe}\n${'x'.repeat(3000)}`,
      'ignored/a.txt': SECRETS.github,
      '.gitignore': 'ignored/\n',
      'fixtures/fake.txt': SECRETS.github,
      '.gonogoignore': 'fixtures/\n',
      'gonogo.config.yaml': 'scan:\n  secrets:\n    maxFileBytes: 2000\n',
      'ok.txt': 'nothing here\n',
    });
    const r = await cli(['scan', 'secrets', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.findings).toEqual([]);
    expect(doc.checks[0].evidence).toMatch(/2 skipped/);
  });

  it('reads stdin', async () => {
    const r = await cli(['scan', 'secrets', '--stdin', '--format', 'json'], { input: `line one\nexport TOKEN=${SECRETS.github}\n` });
    expect(r.code).toBe(1);
    const f = JSON.parse(r.stdout).findings;
    expect(f[0]).toMatchObject({ ruleId: 'secrets.github-pat', location: { file: '<stdin>', line: 2 } });
    expect(leaked(r.stdout)).toEqual([]);
  });

  it.skipIf(!hasGit)('--git scans history (secrets removed later are still found, with the commit) and accepts a range', async () => {
    const dir = repo({ 'app.ts': 'export const x = 1;\n' });
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'init');
    writeFileSync(path.join(dir, 'app.ts'), `export const x = 1;\nconst token = "${SECRETS.github}";\n`);
    git(dir, 'commit', '-qam', 'oops');
    const leakCommit = git(dir, 'rev-parse', 'HEAD').trim();
    writeFileSync(path.join(dir, 'app.ts'), 'export const x = 1;\n');
    git(dir, 'commit', '-qam', 'remove');
    expect((await cli(['scan', 'secrets', dir])).code).toBe(0);
    const r = await cli(['scan', 'secrets', dir, '--git', '--format', 'json']);
    expect(r.code).toBe(1);
    const f = JSON.parse(r.stdout).findings;
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ ruleId: 'secrets.github-pat', location: { file: 'app.ts', line: 2 } });
    expect(f[0].message).toContain(`commit ${leakCommit.slice(0, 12)}`);
    expect(leaked(r.stdout)).toEqual([]);
    const range = await cli(['scan', 'secrets', dir, '--git', 'HEAD~1..HEAD', '--format', 'json']);
    expect(JSON.parse(range.stdout).findings).toEqual([]);
    const bad = await cli(['scan', 'secrets', dir, '--git', 'nope..HEAD']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/error\[GONOGO_USAGE\]: git log failed/);
  });

  it.skipIf(!hasGit)('--staged scans the index, not the working tree', async () => {
    const dir = repo({ 'a.ts': 'const a = 1;\n' });
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'init');
    writeFileSync(path.join(dir, 'a.ts'), `const a = 1;\nconst k = "${SECRETS.stripe}";\n`);
    git(dir, 'add', 'a.ts');
    // The working tree now differs: the staged secret is gone there, another one is unstaged.
    writeFileSync(path.join(dir, 'a.ts'), `const a = 1;\nconst j = "${SECRETS.github}";\n`);
    // Files under .gonogoignore (fixtures kept in git) are not scanned in staged changes either.
    writeFileSync(path.join(dir, '.gonogoignore'), 'fixtures/\n');
    mkdirSync(path.join(dir, 'fixtures'));
    writeFileSync(path.join(dir, 'fixtures', 'token.txt'), `${SECRETS.github}\n`);
    git(dir, 'add', 'fixtures/token.txt');
    const r = await cli(['scan', 'secrets', '--staged', '--format', 'json'], { cwd: dir });
    const f = JSON.parse(r.stdout).findings;
    expect(f.map((x: { ruleId: string }) => x.ruleId)).toEqual(['secrets.stripe-secret-key']);
    expect(f[0].location).toEqual({ file: 'a.ts', line: 2 });
  });

  it('rejects two sources at once', async () => {
    const r = await cli(['scan', 'secrets', '--staged', '--stdin']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/choose one of --git, --staged and --stdin/);
  });
});
