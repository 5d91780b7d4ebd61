import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProgram, COMMANDS, programFor } from '../../src/cli/commands.js';
import { cliSpecFromCommander } from '../../src/cli/command-spec.js';
import { runCli, tmpDir } from '../helpers/cli.js';

/** The commands whose action reads the whole tree (programSpec / cliSpecFromCommander). */
const TREE_READERS = ['docs', 'run', 'demo'];

describe('commands loaded on use (cli/commands.ts)', () => {
  it('builds the full tree from the one list, in its order, each loader registering the command it is named for with the same options alone', async () => {
    const full = await buildProgram(() => {});
    expect(full.commands.map((c) => c.name())).toEqual(Object.keys(COMMANDS));
    for (const [name, load] of Object.entries(COMMANDS)) {
      if (TREE_READERS.includes(name)) continue;
      const one = await programFor(['node', 'gonogo', name], () => {});
      expect(one.commands.map((c) => c.name())).toEqual([name]);
      expect(cliSpecFromCommander(one.commands[0]!)).toEqual(cliSpecFromCommander(full.commands.find((c) => c.name() === name)!));
      expect(typeof (await load())).toBe('function');
    }
  });

  it('builds the whole tree for the commands that check docs against it (docs, run, demo)', async () => {
    for (const name of TREE_READERS) expect((await programFor(['node', 'gonogo', name, '--help'], () => {})).commands.length, name).toBe(Object.keys(COMMANDS).length);
  });

  it('builds the whole tree for help, an unknown command, and after --config', async () => {
    for (const argv of [['--help'], ['scna'], [], ['--version']]) expect((await programFor(['node', 'gonogo', ...argv], () => {})).commands.length).toBe(Object.keys(COMMANDS).length);
    expect((await programFor(['node', 'gonogo', '--config', 'x.json', 'probe'], () => {})).commands.map((c) => c.name())).toEqual(['probe']);
    expect((await programFor(['node', 'gonogo', '--config=x.json', 'probe'], () => {})).commands.map((c) => c.name())).toEqual(['probe']);
  });

  it('`gonogo docs` checks commands in the docs against the whole tree, not only its own command', async () => {
    const dir = tmpDir('gonogo-commands-docs-');
    writeFileSync(path.join(dir, 'a.md'), '# T\n\nRun `gonogo scan secrets .`, then `gonogo load http://127.0.0.1:1`.\n\nNot `gonogo nosuchcmd`.\n');
    const r = await runCli(['docs', 'a.md', '--format', 'json'], { cwd: dir });
    const unknown = (JSON.parse(r.stdout) as { findings: { checkId?: string; message: string }[] }).findings.filter((f) => f.message.includes('has no command'));
    expect(unknown.map((f) => f.message)).toEqual(['`gonogo` has no command "nosuchcmd": gonogo nosuchcmd']);
  }, 60_000);
});
