import { OWASP, type ProbeCheck } from '../check.js';
import { runWafProbe } from '../waf-probe.js';

export const SQLI_BODY = `{"agent_id":"coder","task":"'; DROP TABLE users; --"}`;

export const wafSqli: ProbeCheck = {
  id: 'waf.sqli',
  title: 'WAF blocks SQL injection',
  category: 'Security',
  refs: { owasp: [OWASP.A03], cwe: ['CWE-89'], soc2: ['CC6.6', 'CC7.1'], iso27001: ['A.8.20', 'A.8.26'] },
  remediation: 'Put a WAF (e.g. ModSecurity + OWASP CRS) in blocking mode in front of the service and make it inspect JSON bodies.',
  run(ctx) {
    const url = ctx.url(ctx.settings.waf.path);
    const json = { 'content-type': 'application/json' };
    return runWafProbe(ctx, {
      control: { method: 'POST', url, headers: json, body: `{"agent_id":"coder","task":"write the weekly report"}` },
      mustBlock: [{ method: 'POST', url, headers: json, body: SQLI_BODY }],
      variants: [
        { method: 'GET', url: `${url}${url.includes('?') ? '&' : '?'}id=${encodeURIComponent("1' OR '1'='1' --")}` },
        { method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `id=${encodeURIComponent('1 UNION SELECT username, password FROM users--')}` },
      ],
    });
  },
};
