import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { ExitCode } from '../core/exit-codes.js';
import { installHook, uninstallHook } from '../scan/secrets/hook.js';

/** `gonogo hook install|uninstall`: the pre-commit secret scan (docs/secrets.md). */
export function registerHook(program: Command, setCode: (c: number) => void): void {
  const hook = program.command('hook').description('Install or remove the git pre-commit hook that blocks commits adding secrets');
  hook
    .command('install')
    .description('install a pre-commit hook that scans staged changes for secrets (an existing hook is kept and run first)')
    .action(async () => {
      const cli = fileURLToPath(new URL('./main.js', import.meta.url));
      const r = await installHook(process.cwd(), process.execPath, cli);
      process.stdout.write(`${r.action === 'updated' ? 'updated' : 'installed'} ${r.hook}${r.chained ? ` (runs the previous hook first: ${r.chained})` : ''}\n`);
      setCode(ExitCode.Ok);
    });
  hook
    .command('uninstall')
    .description('remove the gonogo pre-commit hook and restore the hook it chained')
    .action(async () => {
      const r = await uninstallHook(process.cwd());
      const text = { restored: `removed the gonogo hook; restored the previous hook at ${r.hook}`, removed: `removed ${r.hook}`, absent: `no gonogo hook installed at ${r.hook}` }[r.action as 'restored' | 'removed' | 'absent'];
      process.stdout.write(`${text}\n`);
      setCode(ExitCode.Ok);
    });
}
