import type { Command } from 'commander';

/** `gonogo hook install|uninstall`: the pre-commit secret scan (docs/secrets.md). */
export function registerHook(program: Command, setCode: (c: number) => void): void {
  const hook = program.command('hook').description('Install or remove the git pre-commit hook that blocks commits adding secrets');
  hook
    .command('install')
    .description('install a pre-commit hook that scans staged changes for secrets (an existing hook is kept and run first)')
    .action(async () => {
      const { runHookInstall } = await import('./hook-action.js');
      setCode(await runHookInstall());
    });
  hook
    .command('uninstall')
    .description('remove the gonogo pre-commit hook and restore the hook it chained')
    .action(async () => {
      const { runHookUninstall } = await import('./hook-action.js');
      setCode(await runHookUninstall());
    });
}
