import { OWASP, type ProbeCheck } from '../check.js';
import { runWafProbe } from '../waf-probe.js';

export const XSS = '<script>alert(1)</script>';

export const wafXss: ProbeCheck = {
  id: 'waf.xss',
  title: 'WAF blocks cross-site scripting',
  category: 'Security',
  refs: { owasp: [OWASP.A03], cwe: ['CWE-79'], soc2: ['CC6.6', 'CC7.1'], iso27001: ['A.8.20', 'A.8.26'] },
  remediation: 'Put a WAF (e.g. ModSecurity + OWASP CRS) in blocking mode in front of the service; encode output in the application as well.',
  run(ctx) {
    const url = ctx.url(ctx.settings.waf.path);
    const sep = url.includes('?') ? '&' : '?';
    const json = { 'content-type': 'application/json' };
    return runWafProbe(ctx, {
      control: { method: 'GET', url: `${url}${sep}q=${encodeURIComponent('hello world')}` },
      mustBlock: [
        { method: 'GET', url: `${url}${sep}q=${encodeURIComponent(XSS)}` },
        { method: 'POST', url, headers: json, body: JSON.stringify({ comment: XSS }) },
      ],
      variants: [
        { method: 'GET', url: `${url}${sep}q=${encodeURIComponent('<img src=x onerror=alert(1)>')}` },
        { method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `comment=${encodeURIComponent('<svg onload=alert(1)>')}` },
      ],
    });
  },
};
