import { spawn } from 'node:child_process';
import type { CodeProblem } from './types.js';

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(cmd: string, args: string[], input: string, timeoutMs: number): Promise<Ran | undefined> {
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    } catch {
      resolve(undefined);
      return;
    }
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

/** `bash -n` (parse without running); undefined when bash is not installed. */
export async function checkBashSyntax(code: string, shell: 'bash' | 'sh'): Promise<CodeProblem[] | undefined> {
  const r = await run(shell === 'sh' ? 'sh' : 'bash', ['-n'], code, 10_000);
  if (r === undefined) return undefined;
  if (r.code === 0) return [];
  const problems: CodeProblem[] = [];
  for (const line of r.stderr.split('\n')) {
    // bash: "bash: line 3: syntax error near unexpected token `)'"; dash: "sh: 3: Syntax error: ..."
    const m = /^(?:bash|sh|dash)?:? (?:line )?(\d+): (.*)$/.exec(line);
    if (m) problems.push({ line: Number(m[1]), message: m[2]! });
  }
  return problems.length > 0 ? problems : [{ line: 1, message: r.stderr.trim() || 'syntax error' }];
}

interface ShellCheckComment {
  line: number;
  level: string;
  code: number;
  message: string;
}

/** ShellCheck warnings and errors (style notes left out); undefined when shellcheck is not installed. */
export async function checkShellCheck(code: string, shell: 'bash' | 'sh'): Promise<CodeProblem[] | undefined> {
  const r = await run('shellcheck', ['--format=json1', `--shell=${shell}`, '--severity=warning', '-'], code, 15_000);
  if (r === undefined || (r.code !== 0 && r.code !== 1)) return undefined;
  try {
    const parsed = JSON.parse(r.stdout) as { comments: ShellCheckComment[] };
    return parsed.comments.map((c) => ({ line: c.line, message: `SC${c.code}: ${c.message}`, source: 'shellcheck' as const }));
  } catch {
    return undefined;
  }
}
