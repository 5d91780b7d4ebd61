import { probeSchema, probeSection } from '../../src/core/config/probe-section.js';
import { Problems } from '../../src/core/config/problems.js';
import type { CheckResult } from '../../src/core/result.js';
import { runProbe, type ProbeRun } from '../../src/probe/run.js';
import { resolveSettings, type ProbeFlags } from '../../src/probe/settings.js';

/** Validate a probe section as the config loader would, then run the probe in-process. */
export async function probe(target: string, section: Record<string, unknown>, flags: ProbeFlags = {}, extra: Parameters<typeof resolveSettings>[3] = {}): Promise<ProbeRun> {
  const problems = new Problems();
  const config = probeSection.normalise(probeSchema.parse(section), { top: {}, at: ['probe'], problems });
  probeSection.rules?.(config, { top: {}, at: ['probe'], problems });
  if (problems.list.length) throw new Error(JSON.stringify(problems.list));
  return runProbe(resolveSettings(target, config, flags, extra));
}

/** "status id: evidence" lines, for assertion messages that say what went wrong. */
export function describe(checks: CheckResult[]): string {
  return checks.map((c) => `${c.status.padEnd(4)} ${c.id}: ${c.evidence.slice(0, 300)}`).join('\n');
}

export function byId(checks: CheckResult[]): Record<string, CheckResult> {
  return Object.fromEntries(checks.map((c) => [c.id, c]));
}
