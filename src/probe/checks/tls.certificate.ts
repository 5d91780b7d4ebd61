import { X509Certificate } from 'node:crypto';
import tls from 'node:tls';
import { readStapledOcsp, type OcspVerdict } from '../ocsp-staple.js';
import { chainOrderProblems } from '../tls-wire-chain.js';
import { OWASP, fail, pass, skip, warn, type ProbeCheck } from '../check.js';

const DAY = 86_400_000;

export const tlsCertificate: ProbeCheck = {
  id: 'tls.certificate',
  title: 'TLS certificate',
  category: 'Security',
  refs: { owasp: [OWASP.A02, OWASP.A07], cwe: ['CWE-295', 'CWE-298', 'CWE-326'], soc2: ['CC6.7'], iso27001: ['A.8.24'] },
  remediation: 'Serve a certificate from a trusted CA, for this host name, with a >= 2048-bit RSA or an EC key, renewed automatically well before expiry.',
  async run(ctx) {
    if (!ctx.isHttps) return skip('target is http://: no certificate to inspect');
    const r = await ctx.handshake(undefined, { requestOcsp: true });
    if (!r.ok || !r.cert) return warn(`no TLS handshake: ${r.error ?? 'no certificate'}`);
    const cert = r.cert;
    const problems: string[] = [];
    const notes: string[] = [];
    if (!r.authorized) {
      // The leaf's signature cannot be checked when the server leaves out an intermediate certificate.
      const incomplete = r.authorizationError === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' ? ': the server does not send the intermediate certificate(s)' : '';
      const why = `chain not trusted (${r.authorizationError ?? 'unknown'}${incomplete})`;
      if (ctx.settings.insecure) notes.push(`${why}; ignored because of --insecure`);
      else problems.push(why);
    }
    const host = ctx.target.hostname.replace(/^\[|\]$/g, '');
    const identity = tls.checkServerIdentity(host, cert);
    if (identity) problems.push(`hostname mismatch: ${identity.message}`);
    const to = Date.parse(cert.valid_to);
    const from = Date.parse(cert.valid_from);
    const days = Math.floor((to - Date.now()) / DAY);
    if (Date.now() < from) problems.push(`not valid before ${cert.valid_from}`);
    if (days < 0) problems.push(`expired on ${cert.valid_to}`);
    else if (days < ctx.settings.tls.certExpiryDays) problems.push(`expires in ${days} days (< ${ctx.settings.tls.certExpiryDays})`);
    const isEc = cert.asn1Curve !== undefined || cert.nistCurve !== undefined;
    if (cert.bits !== undefined && !isEc && cert.bits < ctx.settings.tls.minKeyBits) problems.push(`${cert.bits}-bit RSA key (< ${ctx.settings.tls.minKeyBits})`);
    if (isEc && (cert.bits ?? 0) < 256) problems.push(`${cert.bits}-bit EC key (< 256)`);
    const stapled = r.ocspResponse ? ocspVerdict(r.ocspResponse, cert) : undefined;
    if (stapled?.level === 'fail') problems.push(stapled.text);
    else if (stapled?.level === 'warn') notes.push(stapled.text);
    const ocsp = stapled ? (stapled.level === 'pass' ? stapled.text : 'OCSP response stapled') : 'no OCSP stapling';
    // Node rebuilds the chain by issuer; the order as sent needs a TLS 1.2 handshake read byte by byte.
    const sent = ctx.room > 0 ? await ctx.sentChain() : undefined;
    const order = sent ? chainOrderProblems(sent) : [];
    if (order.length) notes.push(`chain as sent: ${order.join('; ')}`);
    const wire = sent ? `; ${sent.length} certificate${sent.length === 1 ? '' : 's'} sent${order.length ? '' : ', in order'}` : '; order as sent not known (no TLS 1.2 handshake)';
    const subject = `subject CN=${cert.subject?.CN ?? '?'}, issuer CN=${cert.issuer?.CN ?? '?'}, ${isEc ? `EC ${cert.bits}` : `RSA ${cert.bits}`} bits, valid to ${cert.valid_to} (${days} days); chain ${chainOf(cert)}${wire}; ${ocsp}`;
    if (problems.length) return fail(`${problems.join('; ')} — ${subject}`);
    if (notes.length) return warn(`${notes.join('; ')} — ${subject}`);
    return pass(`trusted chain, hostname ${host} matches — ${subject}`);
  },
};

/** The stapled response read against the leaf and, when the server sent it (or the store has it), its issuer. */
function ocspVerdict(der: Buffer, cert: tls.DetailedPeerCertificate): OcspVerdict {
  const leaf = new X509Certificate(cert.raw);
  const up = cert.issuerCertificate;
  const issuer = up && up.fingerprint256 !== cert.fingerprint256 ? new X509Certificate(up.raw) : leaf.checkIssued(leaf) ? leaf : undefined;
  return readStapledOcsp(der, leaf, issuer);
}

/** "leaf CN=a → CN=b (self-signed)": the chain as verified, leaf first. */
function chainOf(cert: tls.DetailedPeerCertificate): string {
  const names: string[] = [];
  let c: tls.DetailedPeerCertificate | undefined = cert;
  for (let i = 0; c && i < 6; i++) {
    names.push(`CN=${c.subject?.CN ?? '?'}`);
    if (!c.issuerCertificate || c.issuerCertificate === c || c.issuerCertificate.fingerprint256 === c.fingerprint256) {
      if (c.issuerCertificate) names[names.length - 1] += ' (self-signed)';
      break;
    }
    c = c.issuerCertificate;
  }
  return names.join(' → ');
}
