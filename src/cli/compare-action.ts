import { UsageError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { compareRuns, DEFAULT_COMPARE } from '../report/compare/compare.js';
import { renderCompareMarkdown, renderCompareTerminal } from '../report/compare/render.js';
import { readSnapshot } from '../report/compare/snapshot.js';
import { stringifyJson } from '../report/json-text.js';

/** `gonogo compare` itself, loaded only when the command runs (see compare.ts). */
export async function runCompare(runA: string, runB: string, flags: { format: string; noise?: string }): Promise<number> {
  const noisePct = flags.noise === undefined ? DEFAULT_COMPARE.noisePct : Number(flags.noise);
  if (!Number.isFinite(noisePct) || noisePct < 0) throw new UsageError(`--noise must be a percentage >= 0, got "${flags.noise}"`, { where: '--noise', hint: 'for example --noise 5' });
  const cwd = process.cwd();
  const [a, b] = await Promise.all([readSnapshot(runA, cwd, '<runA>'), readSnapshot(runB, cwd, '<runB>')]);
  const result = compareRuns(a, b, { ...DEFAULT_COMPARE, noisePct });
  const text = flags.format === 'json' ? stringifyJson(result) : flags.format === 'markdown' ? renderCompareMarkdown(result) : renderCompareTerminal(result);
  process.stdout.write(text);
  // A regression or a new finding fails the comparison, so CI can gate on it.
  return result.regressions > 0 || result.findings.new.length > 0 ? ExitCode.GateFailed : ExitCode.Ok;
}
