import tls from 'node:tls';

export type TlsVersion = 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';

export interface HandshakeResult {
  ok: boolean;
  protocol?: string;
  cipher?: string;
  error?: string;
  authorized?: boolean;
  authorizationError?: string;
  cert?: tls.DetailedPeerCertificate;
}

/**
 * One TLS handshake pinned to a protocol version. The client itself allows the legacy versions
 * (SECLEVEL=0), so a refusal means the server refused, not that our OpenSSL did.
 */
export function handshake(host: string, port: number, opts: { version?: TlsVersion; ca?: string; servername?: string; timeoutMs: number }): Promise<HandshakeResult> {
  return new Promise((resolve) => {
    const socket = tls.connect({
      host,
      port,
      servername: opts.servername,
      minVersion: opts.version ?? 'TLSv1',
      maxVersion: opts.version ?? 'TLSv1.3',
      ciphers: 'DEFAULT:@SECLEVEL=0',
      rejectUnauthorized: false,
      ca: opts.ca === undefined ? undefined : [...tls.rootCertificates, opts.ca],
    });
    const timer = setTimeout(() => socket.destroy(new Error(`no handshake within ${opts.timeoutMs} ms`)), opts.timeoutMs);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      const cipher = socket.getCipher();
      const cert = socket.getPeerCertificate(true);
      resolve({
        ok: true,
        protocol: socket.getProtocol() ?? undefined,
        cipher: cipher?.name,
        authorized: socket.authorized,
        authorizationError: socket.authorizationError ? String(socket.authorizationError) : undefined,
        cert: cert && Object.keys(cert).length > 0 ? cert : undefined,
      });
      socket.end();
      socket.destroy();
    });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ ok: false, error: err.code ?? err.message });
    });
  });
}
