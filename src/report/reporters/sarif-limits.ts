/**
 * GitHub code scanning rejects a SARIF upload with more than 25,000 results in a run or a file
 * over 10 MB (we hold the uncompressed file to it, which is stricter than the gzipped limit).
 * A rejected upload shows nothing at all, so when a run is that large we keep the worst results,
 * drop the rest and say so in the run's notifications; `--format json` still has everything.
 */
import { stringifyJson } from '../json-text.js';

export const GITHUB_LIMITS = { maxResults: 25_000, maxBytes: 10 * 1024 * 1024 };

export interface SarifInvocation {
  executionSuccessful: boolean;
  startTimeUtc?: string;
  endTimeUtc?: string;
  toolExecutionNotifications?: { level: 'warning'; message: { text: string } }[];
}

export function fitGithubLimits(
  log: object,
  run: { results: unknown[] },
  invocation: SarifInvocation,
  ranks: readonly number[],
  limits: { maxResults: number; maxBytes: number } = GITHUB_LIMITS,
): string {
  // Indentation roughly doubles a large log; drop it before dropping any result.
  const render = (): string => {
    const pretty = stringifyJson(log);
    return bytes(pretty) <= limits.maxBytes ? pretty : `${JSON.stringify(log)}\n`;
  };
  const all = run.results;
  let text = render();
  if (all.length <= limits.maxResults && bytes(text) <= limits.maxBytes) return text;

  // Worst first, ties in report order, so what survives is what matters most.
  const order = all.map((_, i) => i).sort((a, b) => ranks[b]! - ranks[a]! || a - b);
  let keep = Math.min(all.length, limits.maxResults);
  for (;;) {
    const kept = new Set(order.slice(0, keep));
    run.results = all.filter((_, i) => kept.has(i));
    const note = `${all.length - keep} of ${all.length} results were left out, lowest severity first, to stay within GitHub code scanning limits (${limits.maxResults} results, ${limits.maxBytes} bytes per file). Use --format json for every finding.`;
    invocation.toolExecutionNotifications = [{ level: 'warning', message: { text: note } }];
    text = render();
    const size = bytes(text);
    if (size <= limits.maxBytes || keep === 0) return text;
    // Shrink in proportion to the overshoot; always by at least one so the loop ends.
    keep = Math.max(0, Math.min(keep - 1, Math.floor(keep * (limits.maxBytes / size) * 0.98)));
  }
}

function bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
