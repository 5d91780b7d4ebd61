import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tmpDir } from '../helpers/cli.js';

// One bound for --scale (core/scale.ts): a value `gonogo run` accepts must not fail later in the scripted load path.
describe('gonogo run --scale', () => {
  const scripted = 'target: http://127.0.0.1:9/\nload:\n  profile: smoke\n';

  it('--scale 20 is refused up front (exit 2, no run folder), not after the run has started', async () => {
    const dir = tmpDir();
    writeFileSync(path.join(dir, 'gonogo.config.yaml'), scripted);
    const r = await runCli(['run', '--scale', '20', '-q'], { cwd: dir });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('--scale must be a number greater than 0 and at most 10, got "20"');
    expect(r.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/); // no stack trace
    expect(existsSync(path.join(dir, '.gonogo'))).toBe(false);
  }, 30_000);

  it('run.scale: 20 in the config is a config error naming the key', async () => {
    const dir = tmpDir();
    writeFileSync(path.join(dir, 'gonogo.config.yaml'), `${scripted}run:\n  scale: 20\n`);
    const r = await runCli(['run', '-q'], { cwd: dir });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/run\.scale: expected a number greater than 0 and at most 10/);
  }, 30_000);
});
