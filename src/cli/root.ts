import { Command } from 'commander';
import { PACKAGE } from '../core/package-info.js';

/** A command's registration: its options, help and an action that imports its implementation on use. */
export type RegisterCommand = (program: Command, setCode: (c: number) => void) => void;

/** The program without its commands: name, version and the global options (shared by both ways to build it). */
export function rootProgram(): Command {
  return new Command()
    .name('gonogo')
    .description('Tells a team whether its web service is ready for production.')
    .version(PACKAGE.version, '-V, --version', 'print the version')
    .option('--config <path>', 'config file (default: gonogo.config.{ts,mjs,js,json,yaml,yml} found upward from the working directory)')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) });
}

/** main() reports errors and exit codes itself: no command may call process.exit. */
export function withExitOverride(program: Command): Command {
  const exitOverrideAll = (c: Command) => {
    c.exitOverride();
    c.commands.forEach(exitOverrideAll);
  };
  exitOverrideAll(program);
  return program;
}
