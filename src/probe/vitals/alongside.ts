import { liveFeed, type LiveSnapshot } from '../../core/live-snapshot.js';
import type { VitalsResult } from '../../core/vitals.js';
import type { VitalsSettings } from './run.js';

/** Settings for a measurement alongside a load run: `ready`, `runContext` and `stop` are set here. */
export type AlongsideSettings = Omit<VitalsSettings, 'ready' | 'runContext' | 'stop'>;

export interface AlongsideHooks {
  /** Once aborted (the load has ended), no further page load starts; the one running finishes. */
  stop: AbortSignal;
  /** Progress lines of the measurement. */
  log?: (line: string) => void;
  /** Called once the load sends requests and the first page load may start. */
  onStart?: () => void;
}

/**
 * Web Vitals of the pages while a load run of this process sends requests: `pages.duringLoad` in `gonogo run` and
 * `gonogo load --vitals` both call this. The browser is launched at once, while the load starts: launched only once
 * requests flow, a slow start on a busy machine took the whole load run and nothing was measured under load. The
 * page loads begin with the first live snapshot that has requests in it and go on, one after another in one browser,
 * until `stop` aborts: a few loads, not a browser per virtual user, so the browser's own CPU stays small next to the
 * load generator's. Each run records the load's requests per second as it starts (`loadRps`). Subscribe before the
 * load starts. Returns the result, or why nothing was measured under load.
 */
export async function measureAlongsideLoad(settings: AlongsideSettings, hooks: AlongsideHooks): Promise<VitalsResult | string> {
  const { stop } = hooks;
  let last: LiveSnapshot | undefined;
  let begin = () => {};
  const begun = new Promise<void>((r) => (begin = r));
  const unsubscribe = liveFeed.subscribe((s) => {
    if (s.second.requests <= 0) return;
    last = s;
    begin();
  });
  stop.addEventListener('abort', () => begin(), { once: true });
  const started = begun.then(() => {
    if (last && !stop.aborted) hooks.onStart?.();
  });
  try {
    const { runVitals } = await import('./run.js');
    const measured = await runVitals({ ...settings, stop, ready: started, runContext: () => ({ loadRps: last?.second.requests }) }, hooks.log);
    return last ? measured : 'the load ended before it sent any requests';
  } finally {
    unsubscribe();
  }
}
