import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/commands.js';
import { ERROR_CODES } from '../../src/core/errors.js';

const doc = (name: string) => readFileSync(new URL(`../../docs/${name}`, import.meta.url), 'utf8');

function walk(cmd: Command, prefix = ''): { path: string; cmd: Command }[] {
  const here = prefix ? [{ path: prefix, cmd }] : [];
  return [...here, ...cmd.commands.filter((c) => c.name() !== 'help').flatMap((c) => walk(c, `${prefix} ${c.name()}`.trim()))];
}

describe('docs stay in step with the code', () => {
  it('docs/errors.md lists every error code with its exit status, and no other', () => {
    const text = doc('errors.md');
    const documented = [...text.matchAll(/^\| `(GONOGO_[A-Z_]+)` \| (\d) \|/gm)].map((m) => [m[1], Number(m[2])]);
    expect(Object.fromEntries(documented)).toEqual(Object.fromEntries(Object.entries(ERROR_CODES).map(([k, v]) => [k, v.exit])));
  });

  it('docs/cli.md documents every command and every long option', async () => {
    const text = doc('cli.md');
    const program = await buildProgram(() => {});
    for (const opt of program.options) expect(text, `global ${opt.long}`).toContain(`\`${opt.flags}`);
    for (const { path, cmd } of walk(program)) {
      if (cmd.commands.length > 0) continue; // a group such as "config" is documented by its subcommands
      expect(text, `command ${path}`).toContain(`## \`gonogo ${path}`);
      for (const opt of cmd.options) expect(text, `${path} ${opt.long}`).toContain(`\`${opt.flags}`);
    }
  });
});
