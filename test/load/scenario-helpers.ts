import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ScenarioLoadResult } from '../../src/load/scenario/result.js';
import { startScriptedRun, type ScriptedRunOptions } from '../../src/load/scenario/run-file.js';
import { parseThresholds } from '../../src/core/thresholds/index.js';

/** Write files (name -> content) into a fresh folder; returns the folder. */
export function scenarioDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'gonogo-scenario-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

/** Run a scenario file in this process (one worker) against `url` and return the result. */
export async function runScenario(file: string, url: string, o: Partial<ScriptedRunOptions> & { threshold?: string[] } = {}): Promise<ScenarioLoadResult> {
  const { threshold, ...rest } = o;
  void parseThresholds;
  const { run, dispose } = await startScriptedRun({
    files: [file],
    cwd: path.dirname(file),
    baseUrl: new URL(url),
    fallback: { users: 2, durationMs: 1000 },
    scale: 1,
    timeoutMs: 5000,
    headers: {},
    thresholdSources: (threshold ?? []).map((t, i) => ({ input: t, where: `--threshold #${i + 1}` })),
    workers: 1,
    insecure: false,
    ...rest,
  });
  try {
    return await run.result;
  } finally {
    await dispose();
  }
}
