import type { CliCommandSpec } from '../core/cli-spec.js';
import type { GonogoConfig } from '../core/config/schema.js';
import { GonogoError } from '../core/errors.js';
import { PART_NAMES } from '../core/part-catalogue.js';
import type { Part, PartName } from '../core/part.js';
import type { CheckResult } from '../core/result.js';
import type { PartStatus, RunReport } from '../core/run-report.js';
import { reportEnvelope } from '../core/report-envelope.js';
import { computeVerdict } from '../report/verdict.js';
import { evaluateChecklist } from './checklist.js';
import { coverage } from './coverage.js';
import { withLaunchDefaults } from './load-defaults.js';
import { PARTS } from './parts.js';
import { runParts } from './run-parts.js';

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
  /** Load results to judge instead of running the load part (PartContext.loadResults). */
  loadResults?: readonly string[];
  /** Defaults to the registry; tests pass their own parts. */
  parts?: Partial<Record<PartName, () => Promise<Part>>>;
  now?: () => Date;
  /**
   * The demo records a part's config or usage error as that part's failure and goes on; `gonogo run`
   * (the default) stops with exit 2, since the user must fix the config before a verdict means anything.
   */
  partUsageErrorsAreFailures?: boolean;
  /** Why a part the caller left out was not run (the demo without a browser: its pages), shown instead of "no section". */
  skipReasons?: Partial<Record<PartName, string>>;
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
  const { runs, unreachable } = await runParts({
    names: partOrder(registry),
    parts: registry,
    only: opts.config.run?.parts,
    context: {
      config: opts.config,
      configFile: opts.configFile,
      root: opts.root,
      target: opts.target,
      scale: opts.scale,
      scaleUsers: opts.scaleUsers,
      cliSpec: opts.cliSpec,
      loadResults: opts.loadResults,
      signal: opts.signal,
      log: opts.log,
    },
    usageErrorsAreFailures: opts.partUsageErrorsAreFailures,
    ...(opts.skipReasons ? { skipReasons: opts.skipReasons } : {}),
    announce: opts.log,
  });
  const statuses: PartStatus[] = runs.map((r) => r.status);
  const checks: CheckResult[] = [];
  // Each part's own checks, for coverage: which areas have evidence.
  const partChecks: Partial<Record<PartName, readonly CheckResult[]>> = {};
  const loads: RunReport['loads'] = [];
  let breakingPoint: RunReport['breakingPoint'];
  let vitals: RunReport['vitals'];
  for (const run of runs) {
    const s = run.status;
    // A load test with no thresholds is judged by the launch defaults, and says so.
    const outcome = s.name === 'load' && run.outcome ? withLaunchDefaults(run.outcome) : run.outcome;
    const own: CheckResult[] = [];
    if (s.status === 'error') {
      const title = run.loadFailed ? s.name : s.title;
      own.push({ id: `run.${s.name}`, title: `${title} ran`, category: 'Infrastructure', status: 'fail', evidence: run.loadFailed ? `${s.name} ${s.reason}` : `${s.title} did not complete: ${s.reason}` });
    }
    own.push(...(outcome?.checks ?? []));
    partChecks[s.name] = own;
    checks.push(...own);
    loads.push(...(outcome?.loads ?? []));
    breakingPoint ??= outcome?.breakingPoint;
    vitals ??= outcome?.vitals;
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
    ...reportEnvelope('run', startedAt, finishedAt),
    ...(opts.target ? { target: opts.target } : {}),
    strict: opts.strict,
    verdict,
    parts: statuses,
    coverage: areas,
    checks,
    loads,
    ...(breakingPoint ? { breakingPoint } : {}),
    ...(vitals ? { vitals } : {}),
  };
  return { report, unreachable, interrupted: opts.signal.aborted };
}
