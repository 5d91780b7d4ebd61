import { execFile } from 'node:child_process';
import { chmod, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { UsageError } from '../../core/errors.js';

/**
 * `gonogo hook install|uninstall`: a git pre-commit hook that scans only what is staged. It goes where git looks
 * for hooks (`git rev-parse --git-path hooks`, which honours core.hooksPath). An existing pre-commit hook is kept
 * as `pre-commit.gonogo-chained` and run first; uninstall puts it back.
 */
export const HOOK_MARKER = '# gonogo-secrets-hook';
export const CHAINED_NAME = 'pre-commit.gonogo-chained';

const run = promisify(execFile);

export async function hooksDir(cwd: string): Promise<string> {
  try {
    const { stdout } = await run('git', ['rev-parse', '--git-path', 'hooks'], { cwd });
    return path.resolve(cwd, stdout.trim());
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string };
    throw new UsageError(e.code === 'ENOENT' ? 'git is not installed or not on PATH' : `not a git repository: ${cwd}`, {
      where: 'gonogo hook',
      hint: 'run the command inside the repository whose commits should be checked',
    });
  }
}

/** The hook script: run the chained hook (if any), then scan the index with the CLI that installed the hook. */
export function hookScript(node: string, cli: string): string {
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  return `#!/bin/sh
${HOOK_MARKER}: installed by \`gonogo hook install\`; \`gonogo hook uninstall\` removes it and restores the hook it chained.
hook_dir=$(dirname "$0")
if [ -x "$hook_dir/${CHAINED_NAME}" ]; then
  "$hook_dir/${CHAINED_NAME}" "$@" || exit $?
fi
if [ -f ${q(cli)} ]; then
  ${q(node)} ${q(cli)} scan secrets --staged --fail-on low
else
  npx --no-install gonogo scan secrets --staged --fail-on low
fi
status=$?
if [ "$status" -eq 1 ]; then
  echo "gonogo: commit blocked: the staged changes above contain secrets (shown masked)." >&2
  echo "  Remove them, or mark a false positive with 'gonogo:allow <reason>' on the line, or record it with --write-baseline." >&2
elif [ "$status" -ne 0 ]; then
  echo "gonogo: the secret scan could not run (exit $status); commit blocked." >&2
fi
exit $status
`;
}

export interface HookResult {
  hook: string;
  chained?: string;
  action: 'installed' | 'updated' | 'removed' | 'restored' | 'absent';
}

export async function installHook(cwd: string, node: string, cli: string): Promise<HookResult> {
  const dir = await hooksDir(cwd);
  await mkdir(dir, { recursive: true });
  const hook = path.join(dir, 'pre-commit');
  const chained = path.join(dir, CHAINED_NAME);
  const existing = await readText(hook);
  let action: HookResult['action'] = 'installed';
  if (existing !== undefined && existing.includes(HOOK_MARKER)) action = 'updated';
  else if (existing !== undefined) {
    if (await exists(chained)) throw new UsageError(`${chained} already exists`, { where: 'gonogo hook install', hint: 'a previous install left it; move it back to pre-commit or delete it, then run the command again' });
    await rename(hook, chained); // keeps its mode: it still runs, now from our hook
  }
  await writeFile(hook, hookScript(node, cli));
  await chmod(hook, 0o755);
  return { hook, ...((await exists(chained)) ? { chained } : {}), action };
}

export async function uninstallHook(cwd: string): Promise<HookResult> {
  const dir = await hooksDir(cwd);
  const hook = path.join(dir, 'pre-commit');
  const chained = path.join(dir, CHAINED_NAME);
  const existing = await readText(hook);
  if (existing === undefined || !existing.includes(HOOK_MARKER)) return { hook, action: 'absent' };
  if (await exists(chained)) {
    await rename(chained, hook);
    return { hook, chained, action: 'restored' };
  }
  await rm(hook);
  return { hook, action: 'removed' };
}

async function readText(p: string): Promise<string | undefined> {
  try {
    return await readFile(p, 'utf8');
  } catch {
    return undefined;
  }
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}
