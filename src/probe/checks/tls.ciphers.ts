import { BudgetExhaustedError } from '../budget.js';
import { OWASP, fail, pass, skip, warn, type ProbeCheck } from '../check.js';
import type { TlsVersion } from '../tls-client.js';

/** Everything our OpenSSL can speak, at security level 0, so a refusal is the server's. */
const EVERYTHING = 'ALL:COMPLEMENTOFALL';
export const TLS13_SUITES = ['TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256', 'TLS_AES_128_GCM_SHA256', 'TLS_AES_128_CCM_SHA256', 'TLS_AES_128_CCM_8_SHA256'];
/** Suites a server accepts per legacy protocol are enumerated up to this many (each costs one handshake). */
const MAX_PER_PROTOCOL = 40;
/** Broken or weak: no encryption, export grade, RC4, DES/3DES (SWEET32), MD5 MACs, anonymous key exchange. */
const WEAK = /NULL|EXP|RC4|(^|-)DES-|DES-CBC3|MD5|^ADH|^AECDH|-anon-/i;
const MIN_DH_BITS = 2048;
// X25519 reports 253 bits; P-192 and smaller curves are the weak ones.
const MIN_ECDH_BITS = 224;

export interface CipherReading {
  protocol: TlsVersion;
  name: string;
  forwardSecrecy: boolean;
  weak: boolean;
}

/** Forward secrecy: ephemeral (EC)DH key exchange; every TLS 1.3 suite has it. */
export function readCipher(protocol: TlsVersion, name: string): CipherReading {
  const forwardSecrecy = protocol === 'TLSv1.3' || /^(ECDHE|DHE|EDH)-/i.test(name);
  return { protocol, name, forwardSecrecy, weak: WEAK.test(name) };
}

export const tlsCiphers: ProbeCheck = {
  id: 'tls.ciphers',
  title: 'TLS cipher suites',
  category: 'Security',
  refs: { owasp: [OWASP.A02], cwe: ['CWE-326', 'CWE-327'], soc2: ['CC6.7'], iso27001: ['A.8.24'] },
  remediation: 'Offer only AEAD suites with ECDHE (or DHE >= 2048 bits) key exchange, e.g. the Mozilla "intermediate" list; drop static-RSA, CBC-SHA1, 3DES, RC4 and NULL suites.',
  // One handshake per accepted suite plus one refusal, per protocol; the TLS 1.3 suites one by one.
  cost: { min: 4 + TLS13_SUITES.length, max: 3 * (MAX_PER_PROTOCOL + 1) + TLS13_SUITES.length },
  async run(ctx) {
    if (!ctx.isHttps) return skip('target is http://: no TLS to inspect');
    const accepted: CipherReading[] = [];
    const ephemeral: string[] = [];
    const smallKeys: string[] = [];
    let partial = false;
    try {
      for (const protocol of ['TLSv1', 'TLSv1.1', 'TLSv1.2'] as const) {
        // Server preference walk: offer everything, note what it picks, take that out, again, until it refuses.
        const excluded: string[] = [];
        for (let i = 0; i < MAX_PER_PROTOCOL; i++) {
          const r = await ctx.handshake(protocol, { ciphers: `${EVERYTHING}${excluded.map((n) => `:!${n}`).join('')}:@SECLEVEL=0` });
          if (!r.ok || !r.cipher || excluded.includes(r.cipher)) break;
          excluded.push(r.cipher);
          accepted.push(readCipher(protocol, r.cipher));
          noteKey(r.ephemeral, `${protocol} ${r.cipher}`, ephemeral, smallKeys);
        }
      }
      for (const suite of TLS13_SUITES) {
        const r = await ctx.handshake('TLSv1.3', { ciphers: suite });
        if (r.ok && r.cipher) {
          accepted.push(readCipher('TLSv1.3', r.cipher));
          noteKey(r.ephemeral, `TLSv1.3 ${r.cipher}`, ephemeral, smallKeys);
        }
      }
    } catch (err) {
      if (!(err instanceof BudgetExhaustedError)) throw err;
      partial = true;
    }
    if (ctx.settings.dryRun) return skip('dry run');
    if (accepted.length === 0) return warn(`no TLS handshake succeeded with any suite our OpenSSL offers${partial ? ' (the budget ran out first)' : ''}`);
    const list = (['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const)
      .map((p) => [p, accepted.filter((a) => a.protocol === p)] as const)
      .filter(([, l]) => l.length)
      .map(([p, l]) => `${p}: ${l.map((a) => `${a.name}${a.weak ? ' (weak)' : a.forwardSecrecy ? '' : ' (no FS)'}`).join(', ')}`)
      .join('; ');
    const weak = accepted.filter((a) => a.weak);
    const noFs = accepted.filter((a) => !a.forwardSecrecy && !a.weak);
    const keys = ephemeral.length ? `; key exchange: ${[...new Set(ephemeral)].join(', ')}` : '';
    const tail = `${list}${keys}${partial ? '; the budget ran out before every suite was tried' : ''}`;
    const out = weak.length
      ? fail(`weak suites accepted: ${weak.map((a) => `${a.protocol} ${a.name}`).join(', ')} — ${tail}`)
      : smallKeys.length
        ? fail(`weak ephemeral keys: ${smallKeys.join(', ')} — ${tail}`)
        : noFs.length
          ? warn(`suites without forward secrecy (static RSA key exchange): ${noFs.map((a) => `${a.protocol} ${a.name}`).join(', ')} — ${tail}`)
          : pass(`${accepted.length} suites, all with forward secrecy — ${tail}`);
    return partial ? { ...out, uncovered: 'the rest of the cipher suite enumeration' } : out;
  },
};

function noteKey(e: { type: string; name?: string; size: number } | undefined, where: string, all: string[], small: string[]): void {
  if (!e) return;
  all.push(`${e.type}${e.name ? ` ${e.name}` : ''} ${e.size} bits`);
  if ((e.type === 'DH' && e.size < MIN_DH_BITS) || (e.type === 'ECDH' && e.size < MIN_ECDH_BITS)) small.push(`${where}: ${e.type} ${e.size} bits (< ${e.type === 'DH' ? MIN_DH_BITS : MIN_ECDH_BITS})`);
}
