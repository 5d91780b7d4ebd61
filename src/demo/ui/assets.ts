/** The UI page's script: a search over the listed items; knobs come in as data attributes. */
export const APP_JS = `'use strict';
document.addEventListener('DOMContentLoaded', () => {
  const body = document.body;
  const bannerMs = Number(body.dataset.bannerMs) || 0;
  const blockMs = Number(body.dataset.clickBlockMs) || 0;
  if (bannerMs > 0) setTimeout(() => {
    // A late banner above the content shifts everything below it (layout shift, CLS).
    const b = document.createElement('div');
    b.className = 'banner';
    b.textContent = 'Maintenance tonight: the service may be slow.';
    body.insertBefore(b, body.firstChild);
  }, bannerMs);
  const run = () => {
    const end = performance.now() + blockMs;
    while (performance.now() < end) { /* the appClickBlockMs knob: a handler that hogs the main thread (INP) */ }
    const q = document.getElementById('search').value.trim().toLowerCase();
    let shown = 0;
    for (const li of document.querySelectorAll('#items .item')) {
      const hit = li.dataset.name.includes(q);
      li.hidden = !hit;
      if (hit) shown++;
    }
    document.getElementById('count').textContent = shown + ' shown';
  };
  document.getElementById('go').addEventListener('click', run);
});
`;

export const APP_CSS = `body{font-family:sans-serif;margin:1rem}#hero{font-size:2.5rem}.banner{height:120px;background:#fd0;padding:1rem}.item{padding:.25rem 0}`;
