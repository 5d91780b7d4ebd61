import { createHash } from 'node:crypto';
import type { SecretRule } from './rule.js';

/**
 * Binary PKCS#12 key stores (.p12, .pfx) hold private keys: a text rule cannot see them, so a binary file is
 * checked by structure instead (whatever its name): a DER or BER SEQUENCE whose first element is INTEGER 3 (the
 * PFX version) and whose second is a ContentInfo of type pkcs7-data (1.2.840.113549.1.7.1). The file is reported,
 * never opened with a password.
 */
export const PKCS12_RULE: SecretRule = Object.freeze({
  id: 'secrets.pkcs12-file',
  title: 'PKCS#12 key store (.p12 / .pfx) committed',
  keywords: Object.freeze([]),
  regex: /(?!)/gm,
  severity: 'high',
  cwe: 'CWE-798',
  remediation: 'Remove the key store from the repository (and history), revoke the certificate and key it holds, and load it from a secret manager at run time.',
  placeholders: 'light',
  samples: Object.freeze({ tp: Object.freeze([]), fp: Object.freeze([]) }),
});

const PKCS7_DATA = Buffer.from('06092a864886f70d010701', 'hex');

/** Offset just past a DER/BER tag-and-length at `at` with the expected tag, or -1. */
function skipHeader(b: Uint8Array, at: number, tag: number): number {
  if (b[at] !== tag || at + 1 >= b.length) return -1;
  const len = b[at + 1]!;
  if (len < 0x80 || len === 0x80) return at + 2; // short form, or BER indefinite length
  const n = len & 0x7f;
  return n <= 4 && at + 2 + n <= b.length ? at + 2 + n : -1;
}

export function isPkcs12(head: Uint8Array): boolean {
  let i = skipHeader(head, 0, 0x30);
  if (i < 0 || head[i] !== 0x02 || head[i + 1] !== 0x01 || head[i + 2] !== 0x03) return false;
  i = skipHeader(head, i + 3, 0x30);
  return i >= 0 && Buffer.from(head.subarray(i, i + PKCS7_DATA.length)).equals(PKCS7_DATA);
}

/** The "secret" a PKCS#12 finding carries: the file's digest (stable fingerprint, nothing of the key shown). */
export function pkcs12Digest(content: Uint8Array): string {
  return `sha256:${createHash('sha256').update(content).digest('hex')}`;
}
