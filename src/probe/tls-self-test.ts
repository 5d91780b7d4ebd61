import tls from 'node:tls';
import type { AddressInfo } from 'node:net';

let cached: Promise<string | undefined> | undefined;

/**
 * Can this Node/OpenSSL still negotiate TLS 1.0 and 1.1? A loopback server that accepts only the
 * legacy version (pre-shared key, so no certificate is needed) answers a client configured like
 * ours. If the handshake fails, a target's refusal of TLS 1.0 proves nothing. Returns the problem, if any.
 */
export function legacyTlsProblem(): Promise<string | undefined> {
  cached ??= Promise.all((['TLSv1', 'TLSv1.1'] as const).map(tryVersion)).then((errs) => errs.find((e) => e !== undefined));
  return cached;
}

function tryVersion(version: 'TLSv1' | 'TLSv1.1'): Promise<string | undefined> {
  const psk = Buffer.from('gonogo-legacy-tls-self-test-key!');
  return new Promise((resolve) => {
    const server = tls.createServer({ minVersion: version, maxVersion: version, ciphers: 'PSK-AES128-CBC-SHA:@SECLEVEL=0', pskCallback: () => psk }, (s) => s.end());
    server.on('tlsClientError', () => {});
    const done = (problem: string | undefined) => {
      server.close();
      resolve(problem);
    };
    server.listen(0, '127.0.0.1', () => {
      const socket = tls.connect({
        host: '127.0.0.1',
        port: (server.address() as AddressInfo).port,
        minVersion: version,
        maxVersion: version,
        ciphers: 'DEFAULT:PSK-AES128-CBC-SHA:@SECLEVEL=0',
        checkServerIdentity: () => undefined,
        pskCallback: () => ({ psk, identity: 'gonogo' }),
      });
      const timer = setTimeout(() => socket.destroy(new Error('self-test timed out')), 5000);
      socket.once('secureConnect', () => {
        clearTimeout(timer);
        const got = socket.getProtocol();
        socket.destroy();
        done(got === version ? undefined : `self-test negotiated ${got} instead of ${version}`);
      });
      socket.once('error', (err) => {
        clearTimeout(timer);
        done(`this Node/OpenSSL cannot negotiate ${version} (${err.message})`);
      });
    });
  });
}
