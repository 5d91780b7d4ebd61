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
 * Syntax of many snippets with few shell processes: each snippet in its own subshell, a group parsed together.
 * The shell stops at the first syntax error and names its line, hence the snippet: that one is parsed on its own
 * (so its errors are exact), the snippets before it parsed, and the group goes on after it. When the snippet
 * named is fine alone (an earlier one left a quote or here-document open), the group is split in halves instead.
 * Spawning a shell costs milliseconds (more when this process is large) and real docs have a broken block in
 * nearly every batch: k broken snippets cost about 2·k spawns instead of one per snippet.
 */
export async function shellSyntaxBatch(snippets: readonly string[], shell: ShellDialect): Promise<(CodeProblem[] | undefined)[]> {
  const out: (CodeProblem[] | undefined)[] = new Array(snippets.length);
  const lineCount = snippets.map((s) => s.split('\n').length + 2);
  const fill = (from: number, to: number, value: CodeProblem[] | undefined) => {
    for (let i = from; i < to; i++) out[i] = value === undefined ? undefined : [];
  };
  const check = async (from: number, to: number): Promise<void> => {
    while (from < to) {
      if (to - from === 1) {
        out[from] = await shellSyntax(snippets[from]!, shell);
        return;
      }
      const all = await shellSyntax(snippets.slice(from, to).map((s) => `(\n${s}\n)\n`).join(''), shell);
      if (all === undefined || all.length === 0) return fill(from, to, all);
      // The fatal error is the shell's last message (warnings come before it).
      let line = all[all.length - 1]!.line;
      let at = from;
      while (at < to && line > lineCount[at]!) line -= lineCount[at++]!;
      const alone = at < to ? await shellSyntax(snippets[at]!, shell) : undefined;
      if (alone === undefined || alone.length === 0) {
        const mid = from + Math.ceil((to - from) / 2);
        await check(from, mid);
        await check(mid, to);
        return;
      }
      fill(from, at, []);
      out[at] = alone;
      from = at + 1;
    }
  };
  await check(0, snippets.length);
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
