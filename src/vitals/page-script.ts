/**
 * Installed in every page before its own scripts run (Playwright's addInitScript): PerformanceObservers that
 * record the Web Vitals the way Google's `web-vitals` library defines them, read back by `readVitals`.
 * - LCP: the last largest-contentful-paint entry before the first input (renderTime, else loadTime).
 * - FCP: the first-contentful-paint paint entry.
 * - CLS: the largest session window of layout shifts without recent input (windows end after a 1 s gap or 5 s).
 * - INP: the longest interaction (event timing entries with an interactionId, and first-input); with the few
 *   interactions of a scripted run, the longest one is what web-vitals reports too (it drops 1 per 50).
 * - TTFB: navigation timing responseStart (read when the page is measured).
 */
export const PAGE_SCRIPT = `(() => {
  const v = { lcp: null, fcp: null, cls: 0, inp: null, inputSeen: false };
  Object.defineProperty(window, '__gonogoVitals', { value: v });
  const observe = (type, onEntry, extra) => {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach(onEntry)).observe(Object.assign({ type, buffered: true }, extra || {}));
    } catch (e) { /* an entry type this browser does not support stays null */ }
  };
  observe('largest-contentful-paint', (e) => { if (!v.inputSeen) v.lcp = e.renderTime || e.loadTime || e.startTime; });
  observe('paint', (e) => { if (e.name === 'first-contentful-paint') v.fcp = e.startTime; });
  let sum = 0, first = 0, last = 0;
  observe('layout-shift', (e) => {
    if (e.hadRecentInput) return;
    if (sum > 0 && e.startTime - last < 1000 && e.startTime - first < 5000) sum += e.value;
    else { sum = e.value; first = e.startTime; }
    last = e.startTime;
    if (sum > v.cls) v.cls = sum;
  });
  const interaction = (e) => { v.inputSeen = true; if (v.inp === null || e.duration > v.inp) v.inp = e.duration; };
  observe('event', (e) => { if (e.interactionId) interaction(e); }, { durationThreshold: 16 });
  observe('first-input', interaction);
  addEventListener('pointerdown', () => { v.inputSeen = true; }, { capture: true });
  addEventListener('keydown', () => { v.inputSeen = true; }, { capture: true });
})();`;

/** Read back in the page: what the observers saw, plus TTFB from navigation timing. */
export const READ_SCRIPT = `(() => {
  const v = window.__gonogoVitals || {};
  const nav = performance.getEntriesByType('navigation')[0];
  return { lcp: v.lcp ?? null, fcp: v.fcp ?? null, cls: v.cls ?? 0, inp: v.inp ?? null, ttfb: nav ? nav.responseStart : null };
})()`;

/**
 * The scripted interaction for INP: the first visible button (not a submit button: it would leave the page),
 * element with role=button or an onclick handler; else the page's body. A click, then a key press.
 */
export const INTERACTION_TARGET = 'button:not([type=submit]):visible, [role=button]:visible, [onclick]:visible';
