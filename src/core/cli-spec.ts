/** The project's command tree as plain data, so the docs drift check is pure and testable without commander. */
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
