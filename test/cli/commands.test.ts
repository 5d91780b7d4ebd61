import { describe, expect, it } from 'vitest';
import { COMMANDS, programFor } from '../../src/cli/commands.js';
import { cliSpecFromCommander } from '../../src/cli/command-spec.js';
import { buildProgram } from '../../src/cli/program.js';

describe('commands loaded on use (cli/commands.ts)', () => {
  it('names every top-level command of the full tree, each registering that command with the same options', async () => {
    const full = buildProgram(() => {});
    expect(Object.keys(COMMANDS).sort()).toEqual(full.commands.map((c) => c.name()).sort());
    for (const [name, load] of Object.entries(COMMANDS)) {
      const one = await programFor(['node', 'gonogo', name], () => {});
      expect(one.commands.map((c) => c.name())).toEqual([name]);
      expect(cliSpecFromCommander(one.commands[0]!)).toEqual(cliSpecFromCommander(full.commands.find((c) => c.name() === name)!));
      expect(typeof (await load())).toBe('function');
    }
  });

  it('builds the whole tree for help, an unknown command, and after --config', async () => {
    for (const argv of [['--help'], ['scna'], [], ['--version']]) expect((await programFor(['node', 'gonogo', ...argv], () => {})).commands.length).toBe(Object.keys(COMMANDS).length);
    expect((await programFor(['node', 'gonogo', '--config', 'x.json', 'probe'], () => {})).commands.map((c) => c.name())).toEqual(['probe']);
    expect((await programFor(['node', 'gonogo', '--config=x.json', 'probe'], () => {})).commands.map((c) => c.name())).toEqual(['probe']);
  });
});
