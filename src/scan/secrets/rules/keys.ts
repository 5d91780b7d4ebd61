import { rule } from '../rule.js';

const KEY_REMEDIATION = 'Treat the key as compromised: revoke it (remove it from authorized_keys, the CA or the keyring), issue a new one, and keep private keys out of the repository (a secret manager or a deploy-time mount).';

/** A PEM-style block: BEGIN line, at least 64 base64 characters of body, matching END line. */
function pemBlock(label: string): RegExp {
  return new RegExp(`(-----BEGIN ${label}-----(?:\\r?\\n|\\\\n)(?:[A-Za-z0-9+/=:,\\- ]+(?:\\r?\\n|\\\\n)){0,6}?[A-Za-z0-9+/=\\s\\\\n]{64,16384}?-----END ${label}-----)`);
}

function pem(body: string, label: string): string {
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----`;
}

/** Private keys: PEM (PKCS#1/#8, EC, DSA, encrypted), OpenSSH, PGP, PuTTY, age, and JSON Web Tokens. */
export const keyRules = [
  rule({
    id: 'private-key', title: 'Private key (PEM)', severity: 'critical', remediation: KEY_REMEDIATION,
    keywords: ['private key-----'],
    regex: pemBlock('(?:RSA |EC |DSA |ENCRYPTED |SSH2 ENCRYPTED )?PRIVATE KEY'),
    tp: [
      pem('{b64:64}\n{b64:64}\n{b64:64}\n{b64:20}==', 'RSA PRIVATE KEY'),
      pem('{b64:64}\n{b64:64}\n{b64:30}=', 'PRIVATE KEY'),
      'const key = "-----BEGIN EC PRIVATE KEY-----\\n{b64:64}\\n{b64:32}\\n-----END EC PRIVATE KEY-----";',
    ],
    fp: [pem('...', 'PRIVATE KEY'), pem('<your key here>', 'RSA PRIVATE KEY'), '-----BEGIN PUBLIC KEY-----\n{b64:64}\n{b64:64}\n-----END PUBLIC KEY-----'],
  }),
  rule({
    id: 'openssh-private-key', title: 'OpenSSH private key', severity: 'critical', remediation: KEY_REMEDIATION,
    keywords: ['openssh private key'],
    regex: pemBlock('OPENSSH PRIVATE KEY'),
    tp: [pem('b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n{b64:70}\n{b64:70}\n{b64:40}', 'OPENSSH PRIVATE KEY')],
    fp: [pem('(omitted)', 'OPENSSH PRIVATE KEY'), 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI{b64:43} user@host'],
  }),
  rule({
    id: 'pgp-private-key', title: 'PGP private key block', severity: 'critical', remediation: KEY_REMEDIATION,
    keywords: ['pgp private key block'],
    regex: /(-----BEGIN PGP PRIVATE KEY BLOCK-----[\s\S]{64,65536}?-----END PGP PRIVATE KEY BLOCK-----)/,
    validate: (s) => /[A-Za-z0-9+/]{60}/.test(s),
    tp: ['-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQdGBF{b64:58}\n{b64:64}\n{b64:64}\n=Ab12\n-----END PGP PRIVATE KEY BLOCK-----'],
    fp: ['-----BEGIN PGP PRIVATE KEY BLOCK-----\n(not included in this example, use gpg --export-secret-keys)\n-----END PGP PRIVATE KEY BLOCK-----', '-----BEGIN PGP PUBLIC KEY BLOCK-----\n{b64:64}\n-----END PGP PUBLIC KEY BLOCK-----'],
  }),
  rule({
    id: 'putty-private-key', title: 'PuTTY private key', severity: 'critical', remediation: KEY_REMEDIATION,
    keywords: ['putty-user-key-file'],
    regex: /(PuTTY-User-Key-File-[23]:[^\n]*\n(?:[^\n]*\n){1,12}?Private-Lines: \d+\n(?:[A-Za-z0-9+/=]+\n?){1,40})/,
    tp: ['PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: deploy\nPublic-Lines: 2\n{b64:64}\n{b64:20}\nPrivate-Lines: 1\n{b64:48}\nPrivate-MAC: {hex:64}\n'],
    fp: ['PuTTY-User-Key-File-3 is the format PuTTYgen writes'],
  }),
  rule({
    id: 'age-secret-key', title: 'age secret key', severity: 'critical', remediation: KEY_REMEDIATION,
    keywords: ['age-secret-key-1'],
    regex: /(AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})/,
    tp: ['# created: 2024-01-01\nAGE-SECRET-KEY-1{B32:58}'],
    fp: ['AGE-SECRET-KEY-1...'],
  }),
  rule({
    id: 'kubeconfig-client-key', title: 'Client key embedded in a kubeconfig', severity: 'critical', remediation: KEY_REMEDIATION,
    keywords: ['client-key-data'],
    regex: /client-key-data:\s*["']?([A-Za-z0-9+/]{100,}={0,2})/,
    tp: ['users:\n- name: admin\n  user:\n    client-key-data: LS0tLS1CRUdJTi{b64:200}=='], fp: ['client-key-data: REDACTED'],
  }),
  rule({
    id: 'jwt', title: 'JSON Web Token', severity: 'medium',
    keywords: ['eyj'],
    regex: '(?<![A-Za-z0-9_-])(eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{16,})(?![A-Za-z0-9_-])',
    validate: (s) => {
      try {
        const header = JSON.parse(Buffer.from(s.slice(0, s.indexOf('.')), 'base64url').toString('utf8')) as Record<string, unknown>;
        return typeof header === 'object' && header !== null && 'alg' in header;
      } catch {
        return false;
      }
    },
    remediation: 'A signed token grants access until it expires: revoke the session or rotate the signing key, and load tokens at run time instead of committing them.',
    tp: ['session = eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTQyIiwicm9sZSI6ImFkbWluIn0.{b64u:43}'],
    fp: ['eyJub3RhIjoiand0In0.eyJzdWIiOiJ1c2VyLTQyIiwicm9sZSI6ImFkbWluIn0.{b64u:43}', 'eyJhbGciOiJIUzI1NiJ9'],
  }),
];
