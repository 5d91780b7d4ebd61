import { OWASP, type SastRule } from '../rule.js';

export const rule: SastRule = {
  id: 'sast.py-ssl-unverified',
  title: 'SSL context without certificate or host name checks',
  severity: 'high',
  cwe: 'CWE-295',
  owasp: OWASP.A07,
  bandit: 'B323',
  families: ['py'],
  remediation: 'Use ssl.create_default_context(); keep check_hostname=True and verify_mode=CERT_REQUIRED.',
  samples: {
    bad: [
      { lang: 'python', code: `import urllib3\nfrom OpenSSL import SSL\n\nhttp = urllib3.PoolManager(cert_reqs='CERT_NONE')\nctx = SSL.Context(SSL.TLS_METHOD)\nctx.set_verify(SSL.VERIFY_NONE, lambda *a: True)\n` },
      { lang: 'python', code: `import ssl\n\nssl._create_default_https_context = ssl._create_unverified_context\n` },
      { lang: 'python', code: `import ssl\nimport urllib.request\n\ndef fetch(url):\n    ctx = ssl._create_unverified_context()\n    return urllib.request.urlopen(url, context=ctx).read()\n` },
      { lang: 'python', code: `import ssl\n\ndef context():\n    ctx = ssl.create_default_context()\n    ctx.check_hostname = False\n    ctx.verify_mode = ssl.CERT_NONE\n    return ctx\n` },
    ],
    good: [
      { lang: 'python', code: `import urllib3\nfrom OpenSSL import SSL\n\nhttp = urllib3.PoolManager(cert_reqs='CERT_REQUIRED')\nctx = SSL.Context(SSL.TLS_METHOD)\nctx.set_verify(SSL.VERIFY_PEER, lambda *a: True)\n` },{ lang: 'python', code: `import ssl\n\ndef context():\n    ctx = ssl.create_default_context(cafile="/etc/ssl/ca.pem")\n    ctx.verify_mode = ssl.CERT_REQUIRED\n    return ctx\n` }],
  },
  onCall(call, ctx) {
    if (/^ssl\._create_(?:unverified|stdlib)_context$/.test(call.name)) ctx.report(call.node);
    const certReqs = call.kw('cert_reqs');
    // urllib3 takes the name as text too: PoolManager(cert_reqs="CERT_NONE").
    if (certReqs && (/CERT_NONE$/.test(ctx.name(certReqs)) || /^(?:CERT_)?NONE$/i.test(ctx.str(certReqs) ?? ''))) ctx.report(call.node);
    // pyOpenSSL: context.set_verify(SSL.VERIFY_NONE, callback)
    if (call.last === 'set_verify' && /VERIFY_NONE$/.test(ctx.name(call.args[0]))) ctx.report(call.node, 'pyOpenSSL context set to VERIFY_NONE');
  },
  on: {
    assignment(node, ctx) {
      const left = node.childForFieldName('left')?.text ?? '';
      const right = node.childForFieldName('right');
      if (/\.check_hostname$/.test(left) && right?.type === 'false') ctx.report(node, 'SSL host name check disabled');
      else if (/\.verify_mode$/.test(left) && /CERT_NONE$/.test(ctx.name(right))) ctx.report(node, 'SSL certificate verification disabled (CERT_NONE)');
      else if (/_create_default_https_context$/.test(left) && /_create_unverified_context$/.test(ctx.name(right))) ctx.report(node, 'Every HTTPS connection made unverified (ssl._create_unverified_context as the default)');
    },
  },
};
