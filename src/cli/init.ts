import type { Command } from 'commander';

export function registerInit(program: Command, setCode: (c: number) => void): void {
  program
    .command('init')
    .description('Write a commented starter gonogo.config.yaml and an example scenario (never overwrites)')
    .option('--dir <dir>', 'folder to write into (default: the working directory)')
    .option('--target <url>', 'base URL of the service (default http://127.0.0.1:8080)')
    .action(async (flags: { dir?: string; target?: string }) => {
      const { runInit } = await import('./init-action.js');
      setCode(await runInit(flags));
    });
}
