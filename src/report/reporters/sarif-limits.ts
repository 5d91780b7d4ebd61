/**
 * GitHub code scanning rejects a SARIF upload with more than 25,000 results in a run or a file
 * over 10 MB (we hold the uncompressed file to it, which is stricter than the gzipped limit).
 * A rejected upload shows nothing at all, so when a run is that large we keep the worst results,
 * drop the rest and say so in the run's notifications; `--format json` still has everything.
 */
import { escapeUnsafeJson, stringifyJson } from '../json-text.js';

export const GITHUB_LIMITS = { maxResults: 25_000, maxBytes: 10 * 1024 * 1024 };

export interface SarifInvocation {
  executionSuccessful: boolean;
  startTimeUtc?: string;
  endTimeUtc?: string;
  toolExecutionNotifications?: { level: 'warning'; message: { text: string } }[];
}

/** The run's `results` key as the log is written with no results: the place each layout fills in. */
const PRETTY_SLOT = '\n      "results": []';
const COMPACT_SLOT = '"results":[]';
// A result is an item of runs[0].results: its own lines four levels (8 spaces) deep.
const PRETTY_ITEM = '\n        ';

/** One result in the indented layout, as `stringifyJson` of the whole log writes it. */
function prettyResult(result: unknown): string {
  return PRETTY_ITEM + escapeUnsafeJson(JSON.stringify(result, null, 2)).replace(/\n/g, PRETTY_ITEM);
}

/**
 * The SARIF text in pieces, one per result: `log` is written with its run's `results` empty, and result `i` is made
 * by `result(i)` when it is measured and again when it is written, so the whole text and every result object are
 * never held at once (a docs review of a big tree has tens of thousands). Joined, the pieces are the indented log
 * when it fits in `maxBytes`, else the same log on one line; over the limits, the worst results are kept.
 */
export function* fitGithubLimits(
  log: object,
  invocation: SarifInvocation,
  ranks: readonly number[],
  result: (i: number) => unknown,
  limits: { maxResults: number; maxBytes: number } = GITHUB_LIMITS,
): Generator<string> {
  const count = ranks.length;
  const prettyBytes = new Float64Array(count);
  const compactBytes = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const r = result(i);
    prettyBytes[i] = bytes(prettyResult(r));
    compactBytes[i] = bytes(JSON.stringify(r));
  }
  // Indentation roughly doubles a large log; drop it before dropping any result.
  const measure = (kept: (i: number) => boolean): { pretty: boolean; size: number } => {
    let n = 0;
    let pretty = 0;
    let compact = 0;
    for (let i = 0; i < count; i++) {
      if (!kept(i)) continue;
      n++;
      pretty += prettyBytes[i]!;
      compact += compactBytes[i]!;
    }
    // n results: the slot's "[]" becomes "[" + results and n - 1 commas + "]" (indented: the "]" on its own line).
    const prettySize = bytes(stringifyJson(log)) + (n === 0 ? 0 : pretty + n - 1 + bytes('\n      ]') - 1);
    if (prettySize <= limits.maxBytes) return { pretty: true, size: prettySize };
    return { pretty: false, size: bytes(JSON.stringify(log)) + 1 + (n === 0 ? 0 : compact + n - 1) };
  };
  const all = () => true;
  let layout = measure(all);
  if (count <= limits.maxResults && layout.size <= limits.maxBytes) {
    yield* write(log, layout.pretty, count, all, result);
    return;
  }

  // Worst first, ties in report order, so what survives is what matters most.
  const order = Array.from({ length: count }, (_, i) => i).sort((a, b) => ranks[b]! - ranks[a]! || a - b);
  let keep = Math.min(count, limits.maxResults);
  for (;;) {
    const kept = new Uint8Array(count);
    for (let k = 0; k < keep; k++) kept[order[k]!] = 1;
    const note = `${count - keep} of ${count} results were left out, lowest severity first, to stay within GitHub code scanning limits (${limits.maxResults} results, ${limits.maxBytes} bytes per file). Use --format json for every finding.`;
    invocation.toolExecutionNotifications = [{ level: 'warning', message: { text: note } }];
    layout = measure((i) => kept[i] === 1);
    if (layout.size <= limits.maxBytes || keep === 0) {
      yield* write(log, layout.pretty, count, (i) => kept[i] === 1, result);
      return;
    }
    // Shrink in proportion to the overshoot; always by at least one so the loop ends.
    keep = Math.max(0, Math.min(keep - 1, Math.floor(keep * (limits.maxBytes / layout.size) * 0.98)));
  }
}

function* write(log: object, pretty: boolean, count: number, kept: (i: number) => boolean, result: (i: number) => unknown): Generator<string> {
  const head = pretty ? stringifyJson(log) : `${JSON.stringify(log)}\n`;
  const slot = pretty ? PRETTY_SLOT : COMPACT_SLOT;
  // The run's results are the log's last key: the last match is the slot, whatever the strings before it hold.
  const at = head.lastIndexOf(slot);
  let first = true;
  for (let i = 0; i < count; i++) {
    if (!kept(i)) continue;
    const text = pretty ? prettyResult(result(i)) : JSON.stringify(result(i));
    yield `${first ? `${head.slice(0, at + slot.length - 1)}` : ','}${text}`;
    first = false;
  }
  yield first ? head : `${pretty ? '\n      ]' : ']'}${head.slice(at + slot.length)}`;
}

function bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
