import type { GonogoConfig } from '../core/config/schema.js';
import { GonogoError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { PACKAGE } from '../core/package-info.js';
import type { CheckResult } from '../core/result.js';
import { computeVerdict } from '../report/verdict.js';
import { evaluateChecklist } from './checklist.js';
import type { CliCommandSpec } from '../core/cli-spec.js';
import { PART_NAMES, type Part, type PartName, type PartOutcome } from '../core/part.js';
import { coverage } from './coverage.js';
import { withLaunchDefaults } from './load-defaults.js';
import { PARTS } from './parts.js';
import type { PartStatus, RunReport } from '../core/run-report.js';

export interface GateOptions {
  config: GonogoConfig;
  configFile?: string;
  root: string;
  target?: string;
  scale: number;
  /** false: scale shortens load runs but keeps their users (the demo). */
  scaleUsers?: boolean;
  strict: boolean;
  signal: AbortSignal;
  log(line: string): void;
  /** The CLI's command tree for the docs drift check (see PartContext.cliSpec). */
  cliSpec?: () => CliCommandSpec;
  /** Defaults to the registry; tests pass their own parts. */
  parts?: Partial<Record<PartName, () => Promise<Part>>>;
  now?: () => Date;
  /**
   * The demo records a part's config or usage error as that part's failure and goes on; `gonogo run`
   * (the default) stops with exit 2, since the user must fix the config before a verdict means anything.
   */
  partUsageErrorsAreFailures?: boolean;
}

export interface GateResult {
  report: RunReport;
  /** A part could not reach the target, or the run was interrupted: exit 3 after writing the reports. */
  unreachable: boolean;
  interrupted: boolean;
}

/** Every known part name: registered parts first, in registry order, then the ones this build lacks. */
export function partOrder(parts: Partial<Record<PartName, unknown>>): PartName[] {
  const registered = Object.keys(parts) as PartName[];
  return [...registered, ...PART_NAMES.filter((n) => !registered.includes(n))];
}

/**
 * Run every configured part, one after another, and fold their checks into one report with the
 * checklist and the verdict. A part that is not configured is listed as skipped with its reason; a
 * part that throws is listed as an error (and blocks the verdict) while the others still run.
 */
export async function runGate(opts: GateOptions): Promise<GateResult> {
  const now = opts.now ?? (() => new Date());
  const registry = opts.parts ?? PARTS;
  const startedAt = now();
  const statuses: PartStatus[] = [];
  const checks: CheckResult[] = [];
  // Each part's own checks, for coverage: which areas have evidence.
  const partChecks: Partial<Record<PartName, readonly CheckResult[]>> = {};
  const record = (name: PartName, own: readonly CheckResult[]) => {
    partChecks[name] = own;
    checks.push(...own);
  };
  const loads: RunReport['loads'] = [];
  let unreachable = false;
  const only = opts.config.run?.parts;

  for (const name of partOrder(registry)) {
    const factory = registry[name];
    if (!factory) {
      statuses.push({ name, title: name, status: 'skipped', reason: 'not available in this build' });
      continue;
    }
    let part: Part;
    try {
      part = await factory();
    } catch (err) {
      // A part whose code cannot be loaded is a broken build, not a skip: say so and block.
      const reason = `could not be loaded: ${err instanceof Error ? err.message : String(err)}`;
      statuses.push({ name, title: name, status: 'error', reason });
      record(name, [{ id: `run.${name}`, title: `${name} ran`, category: 'Infrastructure', status: 'fail', evidence: `${name} ${reason}` }]);
      continue;
    }
    if (only && !only.includes(name)) {
      statuses.push({ name, title: part.title, status: 'skipped', reason: 'not listed in run.parts' });
      continue;
    }
    const skip = part.skipReason(opts.config, opts.target);
    if (skip !== undefined) {
      statuses.push({ name, title: part.title, status: 'skipped', reason: skip });
      continue;
    }
    if (opts.signal.aborted) {
      statuses.push({ name, title: part.title, status: 'skipped', reason: 'the run was interrupted before this part started' });
      continue;
    }
    opts.log(`▶ ${part.title}`);
    const t0 = performance.now();
    let outcome: PartOutcome;
    try {
      outcome = await part.run({
        config: opts.config,
        configFile: opts.configFile,
        root: opts.root,
        target: opts.target,
        scale: opts.scale,
        scaleUsers: opts.scaleUsers,
        cliSpec: opts.cliSpec,
        signal: opts.signal,
        log: opts.log,
      });
    } catch (err) {
      // A config or usage mistake is the user's to fix before any verdict means anything.
      if (err instanceof GonogoError && err.exitCode === ExitCode.Usage && !opts.partUsageErrorsAreFailures) throw err;
      if (err instanceof GonogoError && err.exitCode === ExitCode.Unreachable) unreachable = true;
      const reason = err instanceof Error ? err.message : String(err);
      const durationMs = Math.round(performance.now() - t0);
      statuses.push({ name, title: part.title, status: 'error', reason, durationMs });
      record(name, [{ id: `run.${name}`, title: `${part.title} ran`, category: 'Infrastructure', status: 'fail', evidence: `${part.title} did not complete: ${reason}` }]);
      opts.log(`✖ ${part.title}: ${reason}`);
      continue;
    }
    const durationMs = Math.round(performance.now() - t0);
    // A load test with no thresholds is judged by the launch defaults, and says so.
    if (name === 'load') outcome = withLaunchDefaults(outcome);
    statuses.push({ name, title: part.title, status: 'ran', durationMs });
    record(name, outcome.checks);
    loads.push(...(outcome.loads ?? []));
    opts.log(`✔ ${part.title} (${(durationMs / 1000).toFixed(1)} s, ${outcome.checks.length} checks)`);
  }

  if (statuses.every((st) => st.status === 'skipped') && !opts.signal.aborted) {
    throw new GonogoError('GONOGO_NOTHING_TO_CHECK', 'nothing to check: every part was skipped', {
      where: opts.configFile,
      details: statuses.map((st) => `${st.name}: ${st.reason ?? 'skipped'}`),
      hint: 'configure at least one part (`gonogo init` writes a config with load, scan and probe sections)',
    });
  }
  const finishedAt = now();
  const today = finishedAt.toISOString().slice(0, 10);
  checks.push(...evaluateChecklist(opts.config.checklist ?? [], checks, today));
  const areas = coverage(statuses, partChecks);
  const verdict = computeVerdict({
    checks,
    policy: opts.config.policy,
    strict: opts.strict,
    today,
    coverage: areas,
    require: opts.config.verdict?.require,
    skippedParts: statuses.filter((s) => s.status === 'skipped').map((s) => s.name),
    failedParts: statuses.filter((s) => s.status === 'error').map((s) => ({ name: s.name, reason: s.reason ?? 'error' })),
  });
  const report: RunReport = {
    tool: { name: 'gonogo', version: PACKAGE.version },
    command: 'run',
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    ...(opts.target ? { target: opts.target } : {}),
    strict: opts.strict,
    verdict,
    parts: statuses,
    coverage: areas,
    checks,
    loads,
  };
  return { report, unreachable, interrupted: opts.signal.aborted };
}
