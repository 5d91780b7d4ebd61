import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/commands.js';
import { validateConfig } from '../../src/core/config/validate.js';
import { PART_CATALOGUE, PART_NAMES, partsInGroup } from '../../src/core/part-catalogue.js';
import { PARTS } from '../../src/run/parts.js';
import { thrown } from '../core/config-helpers.js';

describe('one registry of parts (core/part-catalogue.ts + run/parts.ts)', () => {
  it('every catalogued part has a runner whose part carries the same name and title', async () => {
    expect(Object.keys(PARTS)).toEqual(PART_NAMES);
    for (const name of PART_NAMES) {
      const part = await PARTS[name]();
      expect(part.name).toBe(name);
      expect(part.title).toBe(PART_CATALOGUE[name].title);
    }
  });

  it('gonogo scan runs the scan group, in run order', () => {
    expect(partsInGroup('scan')).toEqual(['secrets', 'deps', 'sast', 'image', 'iac']);
  });

  it('every part covers one area, and the seven areas are all covered', () => {
    expect(new Set(PART_NAMES.map((n) => PART_CATALOGUE[n].area))).toEqual(new Set(['performance', 'dependencies', 'code', 'secrets', 'config', 'live-security', 'docs']));
  });

  it('run.parts and policy.requireParts accept the catalogue names and nothing else', () => {
    const c = validateConfig({ run: { parts: [...PART_NAMES] }, policy: { requireParts: [...PART_NAMES] } }, 'cfg');
    expect(c.run?.parts).toEqual(PART_NAMES);
    expect(c.policy?.requireParts).toEqual(PART_NAMES);
    expect(thrown(() => validateConfig({ run: { parts: ['lode'] } }, 'cfg')).details.join('\n')).toMatch(/run\.parts\[0\]: expected one of load, pages, capacity, secrets, deps, sast, image, iac, probe, docs/);
    expect(thrown(() => validateConfig({ policy: { requireParts: ['scan'] } }, 'cfg')).details.join('\n')).toMatch(/policy\.requireParts\[0\]/);
  });

  it('`gonogo run --help` lists every part with its config section and its own command', async () => {
    const run = (await buildProgram(() => {})).commands.find((c) => c.name() === 'run')!;
    let help = '';
    run.configureOutput({ writeOut: (s) => (help += s) });
    run.outputHelp();
    for (const name of PART_NAMES) {
      const p = PART_CATALOGUE[name];
      expect(help).toMatch(new RegExp(`^  ${name} +${p.summary.replace(/[()]/g, '\\$&')} \\(config ${p.section}; alone: ${p.command}\\)$`, 'm'));
    }
  });

  it('`gonogo scan --help` names the scan group', async () => {
    const all = (await buildProgram(() => {})).commands.find((c) => c.name() === 'scan')!.commands.find((c) => c.name() === 'all')!;
    expect(all.description()).toContain('(secrets, deps, sast, image, iac)');
  });
});
