/**
 * The script injected into every page before its own scripts run (context.addInitScript). It measures the way
 * Google's `web-vitals` library does, with PerformanceObserver and buffered entries:
 * - LCP: the last `largest-contentful-paint` entry before the first interaction (renderTime, else loadTime/startTime);
 * - CLS: `layout-shift` entries without recent input, grouped in session windows (gap < 1 s, window < 5 s), largest window;
 * - INP: the longest `event` entry with an interactionId (durationThreshold 16 ms; with a single scripted interaction
 *   INP is that interaction's duration);
 * - FCP: the `first-contentful-paint` paint entry; TTFB: the navigation entry's responseStart.
 * Plain ES2017 text (no imports): it runs in the page, not in Node.
 */
export const OBSERVER_SCRIPT = `(() => {
  const v = { lcp: null, cls: 0, inp: null, fcp: null, ttfb: null, interacted: false };
  Object.defineProperty(window, '__gonogoVitals', { value: v, enumerable: false });
  const observe = (type, opts, cb) => {
    try { new PerformanceObserver((list) => list.getEntries().forEach(cb)).observe(Object.assign({ type, buffered: true }, opts)); } catch (e) { /* entry type not supported */ }
  };
  observe('largest-contentful-paint', {}, (e) => { if (!v.interacted) v.lcp = e.renderTime || e.loadTime || e.startTime; });
  let session = 0, first = 0, last = 0;
  observe('layout-shift', {}, (e) => {
    if (e.hadRecentInput) return;
    if (session > 0 && e.startTime - last < 1000 && e.startTime - first < 5000) session += e.value;
    else { session = e.value; first = e.startTime; }
    last = e.startTime;
    if (session > v.cls) v.cls = session;
  });
  observe('paint', {}, (e) => { if (e.name === 'first-contentful-paint') v.fcp = e.startTime; });
  observe('event', { durationThreshold: 16 }, (e) => { if (e.interactionId) v.inp = Math.max(v.inp || 0, e.duration); });
  observe('first-input', {}, (e) => { v.inp = Math.max(v.inp || 0, e.duration); });
  observe('navigation', {}, (e) => { v.ttfb = Math.max(0, e.responseStart - (e.activationStart || 0)); });
})();`;
