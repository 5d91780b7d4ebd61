import { writeFile } from 'node:fs/promises';
import { loadConfig } from '../core/config/load.js';
import { GonogoError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { resolveCapacity } from '../load/capacity/options.js';
import { runCapacity } from '../load/capacity/run.js';
import type { CapacityCliFlags } from './capacity.js';
import { renderCapacity, stepLine } from './capacity-summary.js';
import { assertWritableFolder } from './load-action.js';
import { withLive } from './live-option.js';
import type { GonogoConfig } from '../core/config/schema.js';

/** `gonogo capacity`: resolve the plan (exit 2 on bad input), run the steps, print the table, write the JSON. */
export async function runCapacityCommand(url: string | undefined, flags: CapacityCliFlags, configPath: string | undefined): Promise<number> {
  const cwd = process.cwd();
  const { config, file } = await loadConfig({ cwd, configPath });
  return withLive(flags, config, flags.out, () => capacityBody(url, flags, config, file, cwd));
}

async function capacityBody(url: string | undefined, flags: CapacityCliFlags, config: GonogoConfig | undefined, file: string | undefined, cwd: string): Promise<number> {
  const plan = resolveCapacity(url, flags, config, file, cwd);
  if (flags.out && flags.out !== '-') await assertWritableFolder(flags.out);

  const abort = new AbortController();
  const onSignal = () => (abort.signal.aborted ? process.exit(ExitCode.Unreachable) : abort.abort());
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const log = flags.quiet ? () => {} : (s: string) => void process.stderr.write(s + '\n');
  let result;
  try {
    result = await runCapacity({
      ...plan,
      signal: abort.signal,
      onWarmup: (rate, ms) => log(`warm-up: ${rate} req/s for ${ms / 1000} s (not judged) ...`),
      onStepStart: (next, i) => log(`step ${i + 1} (${next.phase}): ${next.rate} req/s for ${plan.stepDurationMs / 1000} s ...`),
      onStep: (s, i) => log(stepLine(s, i)),
    });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  const json = JSON.stringify(result, null, 2) + '\n';
  if (flags.out && flags.out !== '-') {
    try {
      await writeFile(flags.out, json);
    } catch (err) {
      throw new GonogoError('GONOGO_OUTPUT_WRITE', `cannot write ${flags.out}: ${(err as Error).message}`, { where: flags.out, hint: 'check that the folder exists and is writable' });
    }
  }
  if (flags.out === '-') process.stdout.write(json);
  (flags.out === '-' ? process.stderr : process.stdout).write(renderCapacity(result));
  if (result.stoppedBy === 'interrupted') return ExitCode.Unreachable;
  return result.maxRate === null ? ExitCode.GateFailed : ExitCode.Ok;
}
