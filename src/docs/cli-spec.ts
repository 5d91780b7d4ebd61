import type { Command } from 'commander';

/** The project's command tree as plain data, so the drift check is pure and testable without commander. */
export interface CliOptionSpec {
  long?: string;
  short?: string;
  /** Takes a value: the next word is the value unless given as --flag=value. */
  takesValue: boolean;
  /** The value is optional (`[value]`): the next word is a value only if it is no flag. */
  optionalValue: boolean;
}

export interface CliCommandSpec {
  name: string;
  aliases: string[];
  options: CliOptionSpec[];
  commands: CliCommandSpec[];
  /** Declares positional arguments. */
  takesArgs: boolean;
}

export function cliSpecFromCommander(cmd: Command): CliCommandSpec {
  const options: CliOptionSpec[] = cmd.options.map((o) => ({ long: o.long, short: o.short, takesValue: o.required || o.optional, optionalValue: o.optional }));
  // commander adds -h/--help to every command without listing it.
  options.push({ long: '--help', short: '-h', takesValue: false, optionalValue: false });
  const commands = cmd.commands.map(cliSpecFromCommander);
  return { name: cmd.name(), aliases: cmd.aliases(), options, commands, takesArgs: cmd.registeredArguments.length > 0 };
}
