import { Command } from 'commander';
import { ExitCode } from '../core/exit-codes.js';

export function registerConfig(program: Command, setCode: (c: number) => void): void {
  const config = program.command('config').description('Inspect the gonogo config');
  config
    .command('check')
    .description('Find, parse and validate the config; print where it is and the normalised result (exit 2 on problems)')
    .action(async (_opts: unknown, cmd: Command) => {
      // Loaded on use: the config loader brings zod and every section schema.
      const { loadConfig } = await import('../core/config/load.js');
      const { config: cfg, file } = await loadConfig({ cwd: process.cwd(), configPath: cmd.optsWithGlobals().config as string | undefined });
      process.stdout.write(`${file ? `config: ${file}` : 'no config file found; using defaults'}\n${JSON.stringify(cfg, null, 2)}\n`);
      setCode(ExitCode.Ok);
    });
}
