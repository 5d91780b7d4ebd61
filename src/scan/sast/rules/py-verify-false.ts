import { OWASP, type SastRule } from '../rule.js';

export const rule: SastRule = {
  id: 'sast.py-verify-false',
  title: 'HTTP request with certificate verification disabled (verify=False)',
  severity: 'high',
  cwe: 'CWE-295',
  owasp: OWASP.A07,
  bandit: 'B501',
  families: ['py'],
  remediation: 'Drop verify=False; pass verify="/path/to/ca.pem" to trust a private CA.',
  samples: {
    bad: [{ lang: 'python', code: `import requests\n\ndef health(url):\n    return requests.get(url, verify=False, timeout=3).status_code\n` }],
    good: [{ lang: 'python', code: `import requests\n\ndef health(url):\n    return requests.get(url, verify="/etc/ssl/ca.pem", timeout=3).status_code\n` }],
  },
  onCall(call, ctx) {
    const v = call.kw('verify') ?? call.kw('verify_ssl') ?? call.kw('ssl');
    if (v?.type === 'false' && /^(?:requests|httpx|aiohttp|urllib3)\b|\.(?:get|post|put|delete|patch|head|request|Client|AsyncClient|Session|TCPConnector)$/.test(call.name)) ctx.report(call.node);
  },
};
