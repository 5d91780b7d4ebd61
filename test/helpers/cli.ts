import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Run the built CLI as a user would. Tests run `npm run build` first (npm test does). */
export function runCli(args: string[], opts: { cwd?: string; env?: Record<string, string>; timeoutMs?: number; onSpawn?: (p: ChildProcess) => void } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, [CLI, ...args], { cwd: opts.cwd, env: { ...process.env, NO_COLOR: '1', ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - t0 });
    });
    opts.onSpawn?.(child);
  });
}

/** A fresh temporary folder for one test's output files. */
export function tmpDir(prefix = 'gonogo-test-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** A fresh temporary folder holding `files` (relative path -> text, folders made as needed). */
export function tmpTree(files: Record<string, string>, prefix = 'gonogo-test-'): string {
  const dir = tmpDir(prefix);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test JSON is asserted field by field
export function readJson(file: string): any {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** Run `gonogo load ARGS --out <tmp>` and read the JSON it wrote (undefined when none was written). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test JSON is asserted field by field
export async function runLoadJson(args: string[], opts: Parameters<typeof runCli>[1] = {}): Promise<{ r: CliResult; j: any }> {
  const out = path.join(tmpDir(), 'r.json');
  const r = await runCli([...args, '--out', out], opts);
  let j;
  try {
    j = readJson(out);
  } catch {
    j = undefined;
  }
  return { r, j };
}
