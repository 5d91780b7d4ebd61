import type { SyntaxNode } from './parser.js';

/**
 * Interpreters and the flag after which they take program text: `["python3", "-c", code]`, `spawn("node", ["-e",
 * code])`, `["sh", "-c", cmd]`. Without such a flag the first argument that is not an option is the script to run,
 * so request data there chooses the program (`["python2", script]`). Request data after a fixed script
 * (`["python3", "tools/convert.py", name]`) is an argument of that script and not reported.
 */
const CODE_FLAGS: readonly [RegExp, readonly string[]][] = [
  [/^python(?:[23](?:\.\d+)?)?w?$/, ['-c']],
  [/^(?:node|nodejs)$/, ['-e', '--eval', '-p', '--print']],
  [/^perl$/, ['-e', '-E']],
  [/^ruby$/, ['-e']],
  [/^php$/, ['-r']],
  [/^(?:sh|bash|zsh|dash|ksh)$/, ['-c']],
  [/^(?:pwsh|powershell)(?:\.exe)?$/, ['-c', '-Command', '-EncodedCommand']],
  [/^(?:Rscript|lua)$/, ['-e']],
  [/^cmd(?:\.exe)?$/i, ['/c', '/C', '/k', '/K']],
];

/**
 * Given an interpreter's name (a path such as `/usr/bin/python3` counts by its last segment) and its argument
 * nodes with their constant text (undefined when not constant), the nodes that hold the program it will run:
 * the value after a code flag, or the first non-option argument. Undefined when `program` is no interpreter.
 */
export function interpreterProgram(program: string, args: readonly { node: SyntaxNode | undefined; text: string | undefined }[]): (SyntaxNode | undefined)[] | undefined {
  const base = program.slice(program.lastIndexOf('/') + 1);
  const flags = CODE_FLAGS.find(([re]) => re.test(base))?.[1];
  if (!flags) return undefined;
  for (let i = 0; i < args.length; i++) {
    const { node, text } = args[i]!;
    if (text !== undefined && flags.includes(text)) return [args[i + 1]?.node];
    if (text !== undefined && text.startsWith('-')) continue;
    // The script: a constant one is the program's own choice; anything else is reported if request data reaches it.
    return text === undefined ? [node] : [];
  }
  return [];
}
