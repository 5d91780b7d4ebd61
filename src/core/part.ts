import type { CliCommandSpec } from './cli-spec.js';
import type { GonogoConfig } from './config/schema.js';
import type { BreakingPoint } from './breaking-point.js';
import type { LoadResult } from './load-result.js';
import type { PagesVitals } from './vitals.js';
import type { PartName } from './part-catalogue.js';
import type { CheckResult } from './result.js';

/** The names are declared once, in the part catalogue. */
export type { PartName };

export interface PartContext {
  readonly config: GonogoConfig;
  /** Absolute path of the config file, when there is one. */
  readonly configFile?: string;
  /** Folder scans and docs checks start from: the config file's folder, else the working directory. */
  readonly root: string;
  /** Base URL of the service under test (config `target`, or the CLI's override). */
  readonly target?: string;
  /** Shrinks load durations and users (demo and CI); 1 = as configured. */
  readonly scale: number;
  /** false: `scale` shortens the load but keeps its users and rates (the demo's throughput thresholds still mean something). */
  readonly scaleUsers?: boolean;
  /**
   * The CLI's command tree as data, for the docs drift check. The CLI layer supplies it (lazily, so a
   * run without a docs section never builds it); capabilities never import the CLI themselves.
   */
  readonly cliSpec?: () => CliCommandSpec;
  /** `gonogo run --load-result FILE`: load results to judge (e.g. `gonogo merge --out`) instead of running the load part. */
  readonly loadResults?: readonly string[];
  /**
   * What this part's `alongside` work returned (it ran while another part ran; see Part.alongside), when the
   * config asked for it. A rejected promise is that work's failure, for the part to report.
   */
  readonly alongside?: Promise<unknown>;
  /** Aborted on SIGINT/SIGTERM: a part stops early and returns what it has. */
  readonly signal: AbortSignal;
  /** One line of human progress (stderr); parts never write to stdout themselves. */
  log(line: string): void;
}

export interface PartOutcome {
  checks: CheckResult[];
  /** Load results (one per scenario/profile) for the timeline charts and the performance table. */
  loads?: { name: string; result: LoadResult }[];
  /** The capacity part's search: the report's "Breaking point" section. */
  breakingPoint?: BreakingPoint;
  /** The pages part's Web Vitals: the report's "Web Vitals" section. */
  vitals?: PagesVitals;
}

/** Work a part does while another part runs (Part.alongside). */
export interface AlongsideWork {
  /** The part it runs alongside: started just before that part's run, `stop` aborted as soon as it ends. */
  readonly part: PartName;
  run(ctx: PartContext, stop: AbortSignal): Promise<unknown>;
}

/**
 * One capability as `gonogo run` sees it (its name, title and area are in core/part-catalogue.ts). `skipReason` says why the part will not run with this
 * config (it is then listed as skipped with that reason, never silently absent).
 */
export interface Part {
  readonly name: PartName;
  readonly title: string;
  skipReason(config: GonogoConfig, target: string | undefined): string | undefined;
  run(ctx: PartContext): Promise<PartOutcome>;
  /**
   * Optional: work to do while another part runs, when this config asks for it (pages.duringLoad: Web Vitals while
   * the load part runs). The part loop starts it with that part and hands its promise to this part's own run as
   * `ctx.alongside`; it only happens when this part itself will run (listed, configured, not skipped).
   */
  alongside?(config: GonogoConfig): AlongsideWork | undefined;
}
