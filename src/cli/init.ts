import { Option, type Command } from 'commander';

export interface InitFlags {
  dir?: string;
  target?: string;
  template?: 'compose' | 'k8s' | 'bare-metal';
}

export function registerInit(program: Command, setCode: (c: number) => void): void {
  program
    .command('init')
    .description('Write a commented starter gonogo.config.yaml and an example scenario, or with --template a deploy kit (never overwrites)')
    .option('--dir <dir>', 'folder to write into (default: the working directory)')
    .option('--target <url>', 'base URL of the service (default http://127.0.0.1:8080)')
    .addOption(new Option('--template <kind>', 'write a deploy kit for the reference service with Prometheus, Alertmanager and Grafana instead').choices(['compose', 'k8s', 'bare-metal']))
    .action(async (flags: InitFlags, cmd: Command) => {
      if (flags.template) {
        const { runInitTemplate } = await import('./init-template-action.js');
        setCode(await runInitTemplate(flags.template, flags, cmd.optsWithGlobals().config as string | undefined));
        return;
      }
      const { runInit } = await import('./init-action.js');
      setCode(await runInit(flags));
    });
}
