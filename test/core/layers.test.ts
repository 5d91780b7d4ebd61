import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layers (docs/architecture.md) are enforced by `npm run lint`: eslint-plugin-import-x's
 * no-restricted-paths (zones in eslint.config.js) and no-cycle. Proven on a fixture project that
 * breaks each rule once, then on src/ itself.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CONFIG = path.join(ROOT, 'eslint.config.js');
const FIXTURE = path.join(ROOT, 'test/fixtures/layers');

/** ESLint as `npm run lint` runs it; for the fixture, the same zones taken relative to the fixture project. */
async function eslintAt(cwd: string): Promise<ESLint> {
  if (cwd === ROOT) return new ESLint({ cwd, overrideConfigFile: CONFIG });
  const { LAYER_ZONES } = (await import(pathToFileURL(CONFIG).href)) as { LAYER_ZONES: unknown[] };
  const override: ESLint.Options['overrideConfig'] = { files: ['src/**/*.ts'], rules: { 'import-x/no-restricted-paths': ['error', { zones: LAYER_ZONES, basePath: cwd }] } };
  return new ESLint({ cwd, overrideConfigFile: CONFIG, ignore: false, overrideConfig: override });
}

type Problem = { file: string; rule: string | null; message: string };

async function problems(cwd: string, patterns: string[]): Promise<Problem[]> {
  const results = await (await eslintAt(cwd)).lintFiles(patterns);
  return results.flatMap((r) => r.messages.map((m) => ({ file: path.relative(cwd, r.filePath).split(path.sep).join('/'), rule: m.ruleId, message: m.message })));
}

describe('the linter guards the layers', () => {
  it('fails on each kind of wrong-way import and names the rule', async () => {
    const found = await problems(FIXTURE, ['src/core/wrong-way.ts', 'src/load/uses-report.ts', 'src/run/gate.ts', 'src/load/right-way.ts']);
    expect(found.map((p) => [p.file, p.rule])).toEqual([
      ['src/core/wrong-way.ts', 'import-x/no-restricted-paths'],
      ['src/load/uses-report.ts', 'import-x/no-restricted-paths'],
      ['src/run/gate.ts', 'import-x/no-restricted-paths'],
    ]);
    expect(found[0]!.message).toContain('core is the bottom layer');
    expect(found[1]!.message).toContain('a capability imports only core');
    expect(found[2]!.message).toContain('run (the gate) never imports the CLI');
  }, 60_000);

  it('fails on an import cycle, on both files', async () => {
    const found = await problems(FIXTURE, ['src/scan/ping.ts', 'src/scan/pong.ts']);
    expect(found.map((p) => [p.file, p.rule, p.message])).toEqual([
      ['src/scan/ping.ts', 'import-x/no-cycle', 'Dependency cycle detected'],
      ['src/scan/pong.ts', 'import-x/no-cycle', 'Dependency cycle detected'],
    ]);
  }, 60_000);

  it('src/ has no wrong-way import and no cycle', async () => {
    const found = await problems(ROOT, ['src/**/*.ts']);
    expect(found.filter((p) => p.rule === 'import-x/no-restricted-paths' || p.rule === 'import-x/no-cycle')).toEqual([]);
  }, 120_000);
});
