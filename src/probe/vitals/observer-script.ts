/**
 * The script injected into every page before its own scripts run (context.addInitScript). It measures the way
 * Google's `web-vitals` library does, with PerformanceObserver and buffered entries:
 * - LCP: the last `largest-contentful-paint` entry before the first interaction (renderTime, else loadTime/startTime);
 * - CLS: `layout-shift` entries without recent input, grouped in session windows (gap < 1 s, window < 5 s), largest window;
 * - INP: each interaction's longest `event` entry (by interactionId, durationThreshold 16 ms); INP is the worst
 *   interaction, or with 50 or more interactions the 98th percentile (web-vitals: skip one per 50 interactions);
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
  const byId = new Map();
  const inp = () => {
    const d = [...byId.values()].sort((a, b) => b - a);
    v.inp = d.length ? d[Math.min(d.length - 1, Math.floor(d.length / 50))] : null;
    v.interactionCount = byId.size;
  };
  observe('event', { durationThreshold: 16 }, (e) => { if (e.interactionId) { byId.set(e.interactionId, Math.max(byId.get(e.interactionId) || 0, e.duration)); inp(); } });
  observe('first-input', {}, (e) => { if (e.interactionId) { byId.set(e.interactionId, Math.max(byId.get(e.interactionId) || 0, e.duration)); inp(); } });
  observe('navigation', {}, (e) => { v.ttfb = Math.max(0, e.responseStart - (e.activationStart || 0)); });
})();`;
