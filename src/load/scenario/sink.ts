/**
 * Where the public API (check, Counter, Rate, Trend, feeders) sends what it records. The scenario
 * runtime installs a real sink in each thread that runs virtual users; outside a run (a scenario
 * file merely imported to read its definitions) records go nowhere and metrics only declare themselves.
 */
export type CustomMetricKind = 'counter' | 'rate' | 'trend';

export interface MetricDeclaration {
  name: string;
  kind: CustomMetricKind;
  /** Trends only: values are milliseconds (thresholds may then use ms and s). */
  time: boolean;
  description?: string;
}

export interface MetricSink {
  /** A check outcome; `tags` carries scenario/name/check. */
  check(name: string, ok: boolean, scenario: string | undefined, requestName: string | undefined): void;
  metric(name: string, kind: CustomMetricKind, value: number, tags: Record<string, string> | undefined): void;
}

const declared = new Map<string, MetricDeclaration>();
let sink: MetricSink | undefined;

export function declareMetric(d: MetricDeclaration): void {
  const prev = declared.get(d.name);
  if (prev && (prev.kind !== d.kind || prev.time !== d.time)) {
    throw new Error(`custom metric "${d.name}" is declared twice with different kinds (${prev.kind} and ${d.kind})`);
  }
  declared.set(d.name, d);
}

export function declaredMetrics(): MetricDeclaration[] {
  return [...declared.values()];
}

export function installSink(s: MetricSink | undefined): void {
  sink = s;
}

export function currentSink(): MetricSink | undefined {
  return sink;
}

/** Set by the scenario loader while a scenario module is imported: feeders resolve relative paths against it. */
export const loaderContext = {
  baseDir: process.cwd(),
  /** This thread's share of the run: unique and sequential feeders partition rows by it. */
  worker: 0,
  workers: 1,
  /** When set, feeders add the absolute path of every file they read (`gonogo k8s job` ships them to the pods). */
  filesRead: undefined as Set<string> | undefined,
};
