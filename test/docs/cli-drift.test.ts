import { describe, expect, it } from 'vitest';
import { checkCliUses, commandUses, shellWords } from '../../src/docs/check-cli.js';
import type { CliCommandSpec } from '../../src/core/cli-spec.js';
import { parseMarkdown } from '../../src/docs/markdown.js';
import { CLI_SPEC } from './helpers.js';

const opt = (long: string, short?: string, takesValue = false) => ({ long, short, takesValue, optionalValue: false });
const SPEC: CliCommandSpec = {
  name: 'tool',
  aliases: [],
  takesArgs: false,
  options: [opt('--config', undefined, true), opt('--help', '-h')],
  commands: [
    { name: 'load', aliases: [], takesArgs: true, commands: [], options: [opt('--connections', '-c', true), opt('--quiet', '-q'), opt('--help', '-h')] },
    { name: 'scan', aliases: [], takesArgs: false, options: [opt('--help', '-h')], commands: [{ name: 'secrets', aliases: ['s'], takesArgs: true, commands: [], options: [opt('--help', '-h')] }] },
  ],
};

function check(md: string, spec = SPEC) {
  const doc = parseMarkdown(md);
  return checkCliUses('doc.md', commandUses(doc.codeBlocks, doc.inlineCode, spec.name, ['dist/cli/main.js']), spec).map((f) => `${'line' in f.location ? f.location.line : 0} ${f.ruleId.replace('docs.cli-', '')} ${f.message.split(':')[0]}`);
}

describe('CLI commands in the docs', () => {
  it('splits words like a shell: quotes group, # starts a comment', () => {
    expect(shellWords(`tool load 'a b' "c \\" d" --x="e f" # --not`)).toEqual(['tool', 'load', 'a b', 'c \\" d', '--x=e f']);
  });

  it('accepts commands, aliases, flags with values, bundled short flags, placeholders and launchers', () => {
    const md = [
      '`tool load <url>`, `tool scan secrets [path]`, `tool scan s .`, `tool scan`, `tool help load`',
      '',
      '```bash',
      '$ FOO=1 npx tool --config x.yml load http://h -c 5 -qc 3 --connections=4 | tee out # tool nope',
      'node dist/cli/main.js load URL --quiet && tool scan secrets . > out.txt',
      'tool load \\',
      '  --connections 5',
      '```',
      '',
      '```text',
      'tool nonsense in output is not a command',
      '```',
    ].join('\n');
    expect(check(md)).toEqual([]);
  });

  it('reports unknown commands and flags at their line, with a suggestion', () => {
    const md = ['`tool lod x`', '', '```sh', 'tool load --conections 5', 'tool scan secret .', 'tool load -c 1 \\', '  -z', '```'].join('\n');
    expect(check(md)).toEqual(['1 unknown-command `tool` has no command "lod" (did you mean "load"?)', '4 unknown-option `tool load` has no option --conections (did you mean --connections?)', '5 unknown-command `tool scan` has no command "secret" (did you mean "secrets"?)', '6 unknown-option `tool load` has no option -z']);
  });

  it('walks the real gonogo command tree', () => {
    expect(check('`gonogo load http://h --connections 5`, `gonogo docs README.md --format json`, `gonogo config check`', CLI_SPEC)).toEqual([]);
    expect(check('`gonogo docs --formatt json`', CLI_SPEC)).toEqual(['1 unknown-option `gonogo docs` has no option --formatt (did you mean --format?)']);
  });
});
