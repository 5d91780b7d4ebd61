import type { Command } from 'commander';
import type { CliCommandSpec, CliOptionSpec } from '../core/cli-spec.js';

/** Walk commander's command tree into plain data for the docs drift check (core/cli-spec.ts). */
export function cliSpecFromCommander(cmd: Command): CliCommandSpec {
  const options: CliOptionSpec[] = cmd.options.map((o) => ({ long: o.long, short: o.short, takesValue: o.required || o.optional, optionalValue: o.optional }));
  // commander adds -h/--help to every command without listing it.
  options.push({ long: '--help', short: '-h', takesValue: false, optionalValue: false });
  const commands = cmd.commands.map(cliSpecFromCommander);
  return { name: cmd.name(), aliases: cmd.aliases(), options, commands, takesArgs: cmd.registeredArguments.length > 0 };
}

/** The whole program's tree, from any of its commands, built only when asked (the docs part of the gate). */
export function programSpec(cmd: Command): () => CliCommandSpec {
  let root = cmd;
  while (root.parent) root = root.parent;
  return () => cliSpecFromCommander(root);
}
