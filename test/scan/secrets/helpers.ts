import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CLI } from '../../helpers/cli.js';
import { expandSample } from '../../../src/scan/secrets/sample-text.js';

/** Secrets made at test time (no secret-shaped literal in this file). */
export const SECRETS = {
  github: expandSample('ghp_{a62:36}'),
  stripe: expandSample('sk_live_{a62:24}'),
  awsSecret: expandSample('{b64:40}'),
  pg: expandSample('{a62:18}'),
  jwt: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTQyIn0.' + expandSample('{b64u:43}'),
  slack: expandSample('xoxb-{d:12}-{d:13}-{a62:24}'),
};

export function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'gonogo-secrets-'));
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), content);
  }
  return root;
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The built CLI with optional stdin, in an isolated git environment. */
export function cli(args: string[], opts: { cwd?: string; input?: string; env?: Record<string, string> } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: opts.cwd, env: { ...process.env, ...gitEnv(opts.cwd ?? tmpdir()), NO_COLOR: '1', ...opts.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(opts.input ?? '');
  });
}

/** No system or user git config leaks in: HOME is a fresh folder. */
export function gitEnv(home: string): Record<string, string> {
  return { GIT_CONFIG_NOSYSTEM: '1', HOME: home, GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z', GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z' };
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: { ...process.env, ...gitEnv(path.join(cwd, '..')) }, encoding: 'utf8' });
}

export function repo(files: Record<string, string> = {}): string {
  const root = tree(files);
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'config', 'user.name', 'Test');
  git(root, 'config', 'user.email', 'test@example.com');
  git(root, 'config', 'commit.gpgsign', 'false');
  return root;
}
