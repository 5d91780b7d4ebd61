import type { ScenarioModule } from './loader.js';
import type { ExecutorPlan } from '../executors/plan.js';
import type { Stripe } from '../segment/execution-segment.js';
import type { ScenarioHttp } from './pool.js';

/** One scenario as the workers run it: plain data (it crosses a thread boundary). */
export interface ScenarioPlan {
  /** Where the scenario is in the module: "default", "browse", "default[1]". */
  key: string;
  name: string;
  executor: ExecutorPlan;
  startTimeMs: number;
  baseUrl: string;
  headers: Record<string, string>;
  timeoutMs: number;
  /** Same-origin redirects each request follows (scenario `maxRedirects`; 0: a 3xx is the answer). */
  maxRedirects?: number;
  /** What the global setup returned (structured-cloned). */
  data: unknown;
}

/** Everything one worker needs. */
export interface ScenarioWorkerInit {
  /** The compiled scenario modules (.mjs files) every worker imports; feeders resolve against each one's folder. */
  modules: ScenarioModule[];
  index: number;
  workers: number;
  /** Epoch ms (performance.timeOrigin + now()) at which every worker starts. */
  startAt: number;
  insecure: boolean;
  /** HTTP/1.1 or HTTP/2 per origin (absent: HTTP/1.1 unless an origin's ALPN picks h2). */
  http?: ScenarioHttp;
  /** How long iterations still running at a scenario's end may finish. */
  graceMs: number;
  /** An open-model iteration starting this much after its intended time counts as late. */
  lateMs: number;
  /** Connections per origin per worker. */
  maxConnections: number;
  scenarios: ScenarioPlan[];
  /** The users and arrivals this run's execution segment takes (FULL_STRIPE: all). */
  stripe: Stripe;
}

/** Total run length: the latest scenario end. */
export function runDurationMs(plans: readonly ScenarioPlan[]): number {
  return Math.max(0, ...plans.map((p) => p.startTimeMs + p.executor.durationMs));
}
