import { GonogoError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import type { Part, PartContext, PartName, PartOutcome } from '../core/part.js';
import type { PartStatus } from '../core/run-report.js';

/** What happened to one part, in run order: its status, and what it returned or threw. */
export interface PartRun {
  status: PartStatus;
  outcome?: PartOutcome;
  /** When status is `error`: what was thrown, and whether the part's code could not even be loaded. */
  error?: unknown;
  loadFailed?: boolean;
}

export interface RunPartsOptions {
  /** The parts to consider, in run order (the gate: all; `gonogo scan`: the scan group). */
  names: readonly PartName[];
  /** Runners by name (the registry, or a test's); a name without one is "not available in this build". */
  parts: Partial<Record<PartName, () => Promise<Part>>>;
  /** `run.parts`: the others are skipped with that reason. */
  only?: readonly PartName[];
  context: PartContext;
  /** Record a part's config or usage error as its failure and go on (default: rethrow: exit 2). */
  usageErrorsAreFailures?: boolean;
  /** A caller's reason for a part it left unconfigured, in place of the part's own skip reason. */
  skipReasons?: Partial<Record<PartName, string>>;
  /** The gate's one line per part start, end and failure. */
  announce?(line: string): void;
  /** Called as soon as a part fails (e.g. to print the error while the others still run). */
  onError?(name: PartName, err: unknown): void;
}

/**
 * Run the named parts one after another. A part that is not configured is skipped with its reason;
 * a part that throws is an error while the others still run. The one loop behind `gonogo run` and
 * `gonogo scan`; what each makes of the runs (checks, verdict, exit code) is theirs.
 */
export async function runParts(o: RunPartsOptions): Promise<{ runs: PartRun[]; unreachable: boolean }> {
  const ctx = o.context;
  const runs: PartRun[] = [];
  let unreachable = false;
  // Each part's code is loaded once (the loop and the look-ahead for alongside work both ask).
  const loaded = new Map<PartName, Promise<Part>>();
  const load = (name: PartName, factory: () => Promise<Part>) => loaded.get(name) ?? loaded.set(name, factory()).get(name)!;
  const willRun = (name: PartName, part: Part) => !(o.only && !o.only.includes(name)) && part.skipReason(ctx.config, ctx.target) === undefined;
  // Work later parts do while an earlier one runs (Part.alongside), by the part that does it.
  const alongside = new Map<PartName, Promise<unknown>>();
  const startAlongside = async (running: PartName, stop: AbortSignal) => {
    for (const other of o.names) {
      const factory = o.parts[other];
      if (other === running || !factory || alongside.has(other) || runs.some((r) => r.status.name === other)) continue;
      const part = await load(other, factory).catch(() => undefined); // its own turn reports a load failure
      const work = part?.alongside?.(ctx.config);
      if (!part || work?.part !== running || !willRun(other, part)) continue;
      const started = work.run(ctx, stop);
      started.catch(() => undefined); // handed to the part, which reports the failure
      alongside.set(other, started);
    }
  };
  for (const name of o.names) {
    const factory = o.parts[name];
    if (!factory) {
      runs.push({ status: { name, title: name, status: 'skipped', reason: 'not available in this build' } });
      continue;
    }
    let part: Part;
    try {
      part = await load(name, factory);
    } catch (err) {
      // A part whose code cannot be loaded is a broken build, not a skip: say so and block.
      const reason = `could not be loaded: ${err instanceof Error ? err.message : String(err)}`;
      runs.push({ status: { name, title: name, status: 'error', reason }, error: err, loadFailed: true });
      o.onError?.(name, err);
      continue;
    }
    const skipped = (reason: string) => runs.push({ status: { name, title: part.title, status: 'skipped', reason } });
    if (o.only && !o.only.includes(name)) {
      skipped('not listed in run.parts');
      continue;
    }
    const skip = part.skipReason(ctx.config, ctx.target);
    if (skip !== undefined) {
      skipped(o.skipReasons?.[name] ?? skip);
      continue;
    }
    if (ctx.signal.aborted) {
      skipped('the run was interrupted before this part started');
      continue;
    }
    // Started (and their parts' code loaded) before the announcement: an interrupt after "▶" reaches this part's run.
    const stop = new AbortController();
    await startAlongside(name, stop.signal);
    const work = alongside.get(name);
    o.announce?.(`▶ ${part.title}`);
    const t0 = performance.now();
    try {
      const ran = await part.run(work ? { ...ctx, alongside: work } : ctx).finally(() => stop.abort());
      const outcome = { ...ran, checks: ran.checks.map((c) => (c.part ? c : { ...c, part: name })) };
      const durationMs = Math.round(performance.now() - t0);
      runs.push({ status: { name, title: part.title, status: 'ran', durationMs }, outcome });
      o.announce?.(`✔ ${part.title} (${(durationMs / 1000).toFixed(1)} s, ${outcome.checks.length} checks)`);
    } catch (err) {
      // A config or usage mistake is the user's to fix before any verdict means anything.
      if (err instanceof GonogoError && err.exitCode === ExitCode.Usage && !o.usageErrorsAreFailures) throw err;
      if (err instanceof GonogoError && err.exitCode === ExitCode.Unreachable) unreachable = true;
      const reason = err instanceof Error ? err.message : String(err);
      runs.push({ status: { name, title: part.title, status: 'error', reason, durationMs: Math.round(performance.now() - t0) }, error: err });
      o.onError?.(name, err);
      o.announce?.(`✖ ${part.title}: ${reason}`);
    }
  }
  return { runs, unreachable };
}
