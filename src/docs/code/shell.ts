import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CodeProblem } from './types.js';

export type ShellDialect = 'bash' | 'sh';

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(cmd: string, args: string[], input: string, timeoutMs: number): Promise<Ran | undefined> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', () => {
      clearTimeout(timer);
      resolve(undefined);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.on('error', () => {});
    child.stdin.end(input);
  });
}

/** `bash -n` / `sh -n` on one snippet (parse, never run); undefined when the shell is not installed. */
export async function shellSyntax(code: string, shell: ShellDialect): Promise<CodeProblem[] | undefined> {
  const r = await run(shell, ['-n'], code, 10_000);
  if (r === undefined) return undefined;
  if (r.code === 0) return [];
  const problems: CodeProblem[] = [];
  for (const line of r.stderr.split('\n')) {
    // bash: "bash: line 3: syntax error near unexpected token `)'"; dash: "sh: 3: Syntax error: ..."
    const m = /^(?:bash|sh|dash)?:? (?:line )?(\d+): (.*)$/.exec(line);
    // bash echoes the offending line after the message ("line 3: `echo )'"): not a second error.
    if (m && !m[2]!.startsWith('`')) problems.push({ line: Number(m[1]), message: m[2]! });
  }
  return problems.length > 0 ? problems : [{ line: 1, message: r.stderr.trim() || 'syntax error' }];
}

/**
 * Syntax of many snippets with one shell process in the common case: each snippet in its own
 * subshell, all parsed together; only when that fails is each snippet parsed on its own (so the
 * errors are exact). Spawning a shell per snippet costs milliseconds each, which 1,000 files feel.
 */
export async function shellSyntaxBatch(snippets: readonly string[], shell: ShellDialect): Promise<(CodeProblem[] | undefined)[]> {
  if (snippets.length > 1) {
    const joined = snippets.map((s) => `(\n${s}\n)\n`).join('');
    const all = await shellSyntax(joined, shell);
    if (all === undefined) return snippets.map(() => undefined);
    if (all.length === 0) return snippets.map(() => []);
  }
  const out: (CodeProblem[] | undefined)[] = [];
  for (const s of snippets) out.push(await shellSyntax(s, shell));
  return out;
}

interface ShellCheckComment {
  file: string;
  line: number;
  code: number;
  message: string;
}

// Snippets are fragments typed by hand: variables set elsewhere (SC2154) or used later (SC2034), and a
// `cd` without `|| exit` (SC2164), are not mistakes there.
const FRAGMENT_NOISE = 'SC2154,SC2034,SC2164';

/** ShellCheck warnings and errors for many snippets in one run; undefined when shellcheck is not installed. */
export async function shellCheckBatch(snippets: readonly string[], shell: ShellDialect): Promise<(CodeProblem[] | undefined)[]> {
  if (snippets.length === 0) return [];
  const dir = await mkdtemp(path.join(tmpdir(), 'gonogo-docs-sh-'));
  try {
    const files = snippets.map((_, i) => path.join(dir, `${i}.sh`));
    await Promise.all(snippets.map((s, i) => writeFile(files[i]!, s)));
    const r = await run('shellcheck', ['--format=json1', `--shell=${shell}`, '--severity=warning', `--exclude=${FRAGMENT_NOISE}`, ...files], '', 60_000);
    if (r === undefined || (r.code !== 0 && r.code !== 1)) return snippets.map(() => undefined);
    const parsed = JSON.parse(r.stdout) as { comments: ShellCheckComment[] };
    const out: CodeProblem[][] = snippets.map(() => []);
    for (const c of parsed.comments) {
      const i = Number(path.basename(c.file, '.sh'));
      out[i]?.push({ line: c.line, message: `SC${c.code}: ${c.message}`, source: 'shellcheck' });
    }
    return out;
  } catch {
    return snippets.map(() => undefined);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
