import { createHash, verify as verifySignature, X509Certificate } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { fromBER, Sequence } from 'asn1js';
import { CRLReasons, SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import { BasicOCSPResponse, OCSPResponse, OCSPResponseStatus, id_kp_OCSPSigning, id_pkix_ocsp_basic, type SingleResponse } from '@peculiar/asn1-ocsp';

/** What a stapled OCSP response says about the served certificate: `fail` is revoked / forged / for another certificate. */
export interface OcspVerdict {
  level: 'pass' | 'warn' | 'fail';
  text: string;
}

// Clocks of responder and prober differ a little; RFC 6960 leaves the tolerance to the client (OpenSSL uses 5 min).
const SKEW_MS = 5 * 60_000;

const HASHES: Record<string, string> = { '1.3.14.3.2.26': 'sha1', '2.16.840.1.101.3.4.2.1': 'sha256', '2.16.840.1.101.3.4.2.2': 'sha384', '2.16.840.1.101.3.4.2.3': 'sha512' };
// Signature algorithm → digest for crypto.verify (RSA PKCS#1 v1.5 and ECDSA; Ed25519 takes none).
const SIGNATURES: Record<string, string | null> = {
  '1.2.840.113549.1.1.5': 'sha1',
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.10045.4.1': 'sha1',
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
  '1.3.101.112': null,
};

const hex = (b: ArrayBuffer | Uint8Array) => Buffer.from(b instanceof Uint8Array ? b : new Uint8Array(b)).toString('hex');
/** Serial numbers without the DER sign byte, upper-case: how X509Certificate.serialNumber prints them. */
const serialOf = (b: ArrayBuffer) => hex(b).replace(/^(00)+(?=.)/, '').toUpperCase();

/** The issuer key hash of a CertID: the hash of the issuer's public key bits (not of the whole SubjectPublicKeyInfo). */
function issuerKeyHash(issuer: X509Certificate, algorithm: string): string {
  const spki = AsnConvert.parse(issuer.publicKey.export({ type: 'spki', format: 'der' }), SubjectPublicKeyInfo);
  return createHash(algorithm).update(new Uint8Array(spki.subjectPublicKey)).digest('hex');
}

/** The response for this certificate: same serial and, when the issuer is known, the issuer's key. */
function responseFor(responses: readonly SingleResponse[], leaf: X509Certificate, issuer: X509Certificate | undefined): SingleResponse | undefined {
  return responses.find((r) => {
    if (serialOf(r.certID.serialNumber) !== leaf.serialNumber.replace(/^(00)+(?=.)/, '').toUpperCase()) return false;
    const algorithm = HASHES[r.certID.hashAlgorithm.algorithm];
    if (!issuer || !algorithm) return true;
    return hex(r.certID.issuerKeyHash.buffer) === issuerKeyHash(issuer, algorithm);
  });
}

/**
 * Who signed: the issuer itself, or a responder certificate in the response that the issuer issued for OCSP
 * signing (id-kp-OCSPSigning). Returns an error text, or undefined when the signature verifies.
 */
function signatureProblem(basic: BasicOCSPResponse, basicDer: ArrayBuffer, issuer: X509Certificate | undefined): string | undefined {
  if (!issuer) return 'signature not checked: the issuer certificate is not known';
  const digest = SIGNATURES[basic.signatureAlgorithm.algorithm];
  if (digest === undefined) return `signature not checked: algorithm ${basic.signatureAlgorithm.algorithm} not supported`;
  // The signed bytes exactly as received: re-encoding the parsed data could differ from a responder's DER.
  const outer = fromBER(basicDer).result;
  const first = outer instanceof Sequence ? outer.valueBlock.value[0] : undefined;
  if (!first) return 'signature not checked: the response data cannot be located';
  const tbs = Buffer.from(first.valueBeforeDecodeView);
  const signature = Buffer.from(new Uint8Array(basic.signature));
  const signers = [issuer];
  for (const c of basic.certs ?? []) {
    const cert = new X509Certificate(Buffer.from(AsnConvert.serialize(c)));
    if (cert.checkIssued(issuer) && cert.verify(issuer.publicKey) && (cert.keyUsage ?? []).includes(id_kp_OCSPSigning)) signers.push(cert);
  }
  const ok = signers.some((s) => {
    try {
      return verifySignature(digest, tbs, s.publicKey, signature);
    } catch {
      return false;
    }
  });
  return ok ? undefined : 'the signature does not verify with the issuer or an OCSP responder certificate it issued';
}

/** Reads a stapled OCSP response (DER) for `leaf`, issued by `issuer`, as of `now`. */
export function readStapledOcsp(der: Buffer, leaf: X509Certificate, issuer: X509Certificate | undefined, now = Date.now()): OcspVerdict {
  let basic: BasicOCSPResponse;
  let basicDer: ArrayBuffer;
  try {
    const res = AsnConvert.parse(der, OCSPResponse);
    if (res.responseStatus !== OCSPResponseStatus.successful) return { level: 'warn', text: `stapled OCSP response is an error (${OCSPResponseStatus[res.responseStatus] ?? res.responseStatus})` };
    if (!res.responseBytes || res.responseBytes.responseType !== id_pkix_ocsp_basic) return { level: 'warn', text: 'stapled OCSP response is not a basic OCSP response' };
    basicDer = res.responseBytes.response.buffer;
    basic = AsnConvert.parse(basicDer, BasicOCSPResponse);
  } catch (e) {
    return { level: 'fail', text: `stapled OCSP response does not parse (${(e as Error).message})` };
  }
  const single = responseFor(basic.tbsResponseData.responses, leaf, issuer);
  if (!single) return { level: 'fail', text: `stapled OCSP response is for another certificate (none of its ${basic.tbsResponseData.responses.length} entries has serial ${leaf.serialNumber}${issuer ? ' and this issuer' : ''})` };
  const forged = signatureProblem(basic, basicDer, issuer);
  if (forged && !forged.startsWith('signature not checked')) return { level: 'fail', text: `stapled OCSP response: ${forged}` };
  const status = single.certStatus;
  if (status.revoked) {
    const reason = status.revoked.revocationReason === undefined ? '' : `, reason ${CRLReasons[status.revoked.revocationReason.reason] ?? status.revoked.revocationReason.reason}`;
    return { level: 'fail', text: `stapled OCSP response says REVOKED on ${status.revoked.revocationTime.toISOString()}${reason}` };
  }
  const window = `thisUpdate ${single.thisUpdate.toISOString()}, nextUpdate ${single.nextUpdate ? single.nextUpdate.toISOString() : 'none'}`;
  if (status.good === undefined) return { level: 'warn', text: `stapled OCSP response: status unknown to the responder (${window})` };
  if (single.thisUpdate.getTime() > now + SKEW_MS) return { level: 'warn', text: `stapled OCSP response is not valid yet (${window})` };
  if (single.nextUpdate && single.nextUpdate.getTime() < now - SKEW_MS) return { level: 'warn', text: `stapled OCSP response is stale (${window}): the server keeps serving an expired response` };
  return { level: forged ? 'warn' : 'pass', text: `stapled OCSP response: good (${window})${forged ? `; ${forged}` : ', signature verified'}` };
}
