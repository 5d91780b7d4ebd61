import net from 'node:net';
import tls from 'node:tls';
import { TargetUnreachableError } from '../core/errors.js';
import { endpointOf, tlsOptions, type Endpoint } from './http/connection.js';
import { classifySocketError, type ErrorClass } from './error-class.js';

/**
 * Open one connection (and TLS handshake, offering `alpn`) before the run; resolves the protocol ALPN chose, so a target that is down gives a
 * clear error and exit 3 instead of a run full of "refused" errors.
 */
export function preflight(ep: Endpoint, url: string, timeoutMs: number, alpn: string[] = ['http/1.1']): Promise<string | false> {
  return new Promise((resolve, reject) => {
    const socket = ep.tls
      ? tls.connect({ ...tlsOptions(ep), ALPNProtocols: alpn })
      : net.connect({ host: ep.host, port: ep.port });
    const timer = setTimeout(() => fail(Object.assign(new Error(`no connection within ${timeoutMs} ms`), { code: 'ETIMEDOUT' })), timeoutMs);
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
    };
    const fail = (err: NodeJS.ErrnoException) => {
      done();
      if (/NO_APPLICATION_PROTOCOL/.test(err.code ?? '')) {
        const onlyH2 = !alpn.includes('http/1.1');
        const what = onlyH2 ? 'does not speak HTTP/2' : 'refused every protocol offered';
        const hint = onlyH2 ? 'drop --http2 (or load.protocol: http2) to test it over HTTP/1.1, or enable HTTP/2 on the server' : 'check the server\'s TLS (ALPN) setup';
        reject(new TargetUnreachableError(`${url} ${what}: its TLS handshake (ALPN) agreed to none of ${alpn.join(', ')}`, { where: url, hint }));
        return;
      }
      const cls = classifySocketError(err);
      reject(
        new TargetUnreachableError(`cannot reach ${url}: ${describe(err, cls)}`, {
          where: url,
          hint:
            cls === 'refused' ? 'is the service running and listening on that port?'
            : cls === 'tls' ? (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME/.test(err.code ?? '') ? 'fix the certificate, or pass --insecure to skip verification for a test target' : 'is this port speaking TLS? use http:// for a plain-HTTP service')
            : 'check the host name, port and network path to the target',
        }),
      );
    };
    socket.once(ep.tls ? 'secureConnect' : 'connect', () => {
      // The protocol the server picked by ALPN (false: it picked none, or this is plain TCP).
      const negotiated = socket instanceof tls.TLSSocket ? (socket.alpnProtocol ?? false) : false;
      done();
      resolve(negotiated);
    });
    socket.once('error', fail);
  });
}

/** --http1 / --http2 / neither (load.protocol). */
export type ProtocolChoice = 'auto' | 'http1' | 'http2';

/**
 * Preflight `url` and settle its protocol: true for HTTP/2. Over TLS, ALPN decides (`auto` offers
 * h2 and http/1.1; a forced h2 the server refuses is exit 3); over http://, --http2 is h2c with prior
 * knowledge (no negotiation exists), else HTTP/1.1. Quick mode and scenario files share it.
 */
export async function negotiateProtocol(url: URL, insecure: boolean, protocol: ProtocolChoice, timeoutMs: number): Promise<boolean> {
  const ep = endpointOf(url, insecure);
  const alpn = !ep.tls || protocol === 'http1' ? ['http/1.1'] : protocol === 'http2' ? ['h2'] : ['h2', 'http/1.1'];
  const negotiated = await preflight(ep, url.href, timeoutMs, alpn);
  const h2 = ep.tls ? negotiated === 'h2' : protocol === 'http2';
  if (protocol === 'http2' && ep.tls && !h2) {
    throw new TargetUnreachableError(`${url.href} does not speak HTTP/2: its TLS handshake (ALPN) did not agree to h2`, { where: '--http2', hint: 'drop --http2 to test it over HTTP/1.1, or enable HTTP/2 on the server' });
  }
  return h2;
}

function describe(err: NodeJS.ErrnoException, cls: ErrorClass): string {
  // OpenSSL messages run over several lines with source paths; the first line says enough.
  const first = err.message.split('\n')[0]!.replace(/^[0-9A-F]+:error:[0-9A-F]+:/, '').replace(/:[^:]*\.c:\d+:?$/, '').trim();
  if (cls === 'tls') return `TLS handshake failed: ${err.code ?? 'error'} (${first})`;
  switch (err.code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
      return 'host name not found';
    case 'ETIMEDOUT':
      return err.message;
    default:
      return err.code ? `${err.code} (${first})` : first;
  }
}
