import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { tmpDir } from '../helpers/cli.js';
import { hasProgram } from '../helpers/system.js';

/** Whether the openssl CLI is here to make test certificates (package openssl). */
export const hasOpenssl = hasProgram('openssl');

/** A fresh self-signed certificate for 127.0.0.1 / localhost, made by the test (never a committed key). */
export function selfSignedCert(): { key: Buffer; cert: Buffer } {
  const dir = tmpDir('gonogo-cert-');
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { stdio: 'ignore' });
  return { key: readFileSync(key), cert: readFileSync(cert) };
}
