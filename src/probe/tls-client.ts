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
  /** The key exchange's ephemeral key (TLS 1.2 DHE/ECDHE, TLS 1.3 groups); absent for static RSA key exchange. */
  ephemeral?: { type: string; name?: string; size: number };
  /** With `requestOcsp`: whether the server stapled an OCSP response. */
  ocspStapled?: boolean;
  /** The stapled OCSP response (DER), when there is one. */
  ocspResponse?: Buffer;
}

/**
 * One TLS handshake pinned to a protocol version. The client itself allows the legacy versions
 * (SECLEVEL=0), so a refusal means the server refused, not that our OpenSSL did.
 */
export function handshake(host: string, port: number, opts: { version?: TlsVersion; ca?: string; servername?: string; timeoutMs: number; ciphers?: string; requestOcsp?: boolean }): Promise<HandshakeResult> {
  return new Promise((resolve) => {
    // requestOCSP is a TLSSocket option tls.connect passes on; @types/node leaves it out of ConnectionOptions.
    const options: tls.ConnectionOptions & { requestOCSP?: boolean } = {
      host,
      port,
      servername: opts.servername,
      minVersion: opts.version ?? 'TLSv1',
      maxVersion: opts.version ?? 'TLSv1.3',
      ciphers: opts.ciphers ?? 'DEFAULT:@SECLEVEL=0',
      requestOCSP: opts.requestOcsp === true,
      rejectUnauthorized: false,
      ca: opts.ca === undefined ? undefined : [...tls.rootCertificates, opts.ca],
    };
    const socket = tls.connect(options);
    let stapled: Buffer | undefined;
    // Called with null when the server staples nothing.
    socket.on('OCSPResponse', (res: Buffer | null) => {
      stapled = res !== null && res.length > 0 ? res : undefined;
    });
    const timer = setTimeout(() => socket.destroy(new Error(`no handshake within ${opts.timeoutMs} ms`)), opts.timeoutMs);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      const cipher = socket.getCipher();
      const cert = socket.getPeerCertificate(true);
      // Node 24 reports DH keys with `name: undefined`: keep only a real name.
      const eph = socket.getEphemeralKeyInfo();
      resolve({
        ephemeral: eph && 'size' in eph && eph.size ? { type: String(eph.type), name: 'name' in eph && typeof eph.name === 'string' ? eph.name : undefined, size: Number(eph.size) } : undefined,
        ...(opts.requestOcsp ? { ocspStapled: stapled !== undefined, ocspResponse: stapled } : {}),
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
