import { afterEach, describe, expect, it } from 'vitest';
import { closeAll, login, raw, startTarget } from './helpers.js';

afterEach(closeAll);

describe('demo target UI page /app', () => {
  it('serves the page, its script and its stylesheet with their types and a CSP that allows only same-origin files', async () => {
    const t = await startTarget();
    const page = await raw(t.url, 'GET', '/app');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.body).toContain('<script src="/app/app.js" defer>');
    expect(page.body).not.toMatch(/<script>/);
    const js = await raw(t.url, 'GET', '/app/app.js');
    expect([js.status, js.headers['content-type']]).toEqual([200, 'text/javascript; charset=utf-8']);
    expect(js.body).toContain("addEventListener('click'");
    const css = await raw(t.url, 'GET', '/app/app.css');
    expect([css.status, css.headers['content-type']]).toEqual([200, 'text/css; charset=utf-8']);
    // Other routes keep the strict API policy.
    expect((await raw(t.url, 'GET', '/api/items')).headers['content-security-policy']).toContain("default-src 'none'; frame-ancestors");
  });

  it('renders a hostile item name as text, not markup', async () => {
    const t = await startTarget({ knobs: { requestFilter: false } });
    const token = await login(t);
    const hostile = '<img src=x onerror=alert(1)>';
    expect((await raw(t.url, 'POST', '/api/items', { token, body: { name: hostile, description: '"quoted" & <b>' } })).status).toBe(201);
    const page = await raw(t.url, 'GET', '/app');
    expect(page.body).not.toContain(hostile);
    expect(page.body).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page.body).toContain('&quot;quoted&quot; &amp; &lt;b&gt;');
  });

  it('passes the banner and click-block knobs to the page, at start and at run time', async () => {
    const t = await startTarget({ knobs: { appBannerDelayMs: 300 } });
    expect((await raw(t.url, 'GET', '/app')).body).toContain('data-banner-ms="300" data-click-block-ms="0"');
    t.setKnobs({ appClickBlockMs: 250 });
    expect((await raw(t.url, 'GET', '/app')).body).toContain('data-click-block-ms="250"');
  });
});
