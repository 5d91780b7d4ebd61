import { OWASP, fail, pass, skip, warn, type ProbeCheck } from '../check.js';
import type { TlsVersion } from '../tls-client.js';
import { legacyTlsProblem } from '../tls-self-test.js';

const VERSIONS: TlsVersion[] = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

export const tlsProtocols: ProbeCheck = {
  id: 'tls.protocols',
  title: 'TLS protocol versions',
  category: 'Security',
  refs: { owasp: [OWASP.A02], cwe: ['CWE-326', 'CWE-327', 'CWE-757'], soc2: ['CC6.7'], iso27001: ['A.8.24'] },
  remediation: 'Offer TLS 1.3, allow TLS 1.2, and refuse TLS 1.0 and 1.1 (e.g. ssl_protocols TLSv1.2 TLSv1.3 / minVersion: "TLSv1.2").',
  cost: { min: 4, max: 4 },
  async run(ctx) {
    if (!ctx.isHttps) return skip('target is http://: no TLS to inspect');
    const selfTest = ctx.settings.dryRun ? undefined : await legacyTlsProblem();
    const results = new Map<TlsVersion, { ok: boolean; detail: string }>();
    for (const v of VERSIONS) {
      const r = await ctx.handshake(v);
      results.set(v, { ok: r.ok, detail: r.ok ? `accepted (${r.cipher})` : `refused (${r.error})` });
    }
    const line = VERSIONS.map((v) => `${v} ${results.get(v)!.detail}`).join('; ');
    const legacy = (['TLSv1', 'TLSv1.1'] as const).filter((v) => results.get(v)!.ok);
    if (legacy.length) return fail(`legacy protocol accepted: ${legacy.join(', ')} — ${line}`);
    if (!VERSIONS.some((v) => results.get(v)!.ok)) return warn(`no TLS handshake succeeded: ${line}`);
    if (selfTest) return warn(`TLS 1.0/1.1 refusals cannot be trusted: ${selfTest} — ${line}`);
    if (!results.get('TLSv1.3')!.ok) return warn(`TLS 1.3 not offered — ${line}`);
    return pass(`${line} (client verified able to speak TLS 1.0/1.1)`);
  },
};
