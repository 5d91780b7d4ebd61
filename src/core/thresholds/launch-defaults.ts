/**
 * The launch defaults a load test without thresholds is judged by (docs/verdict.md): 95% of requests
 * under 500 ms and under 1% failed. The gate applies them to load results (run/load-defaults.ts) and
 * `gonogo capacity` searches against them when no threshold is given.
 */
export const LAUNCH_DEFAULT_THRESHOLDS = ['p(95)<500', 'rate<0.01'] as const;
