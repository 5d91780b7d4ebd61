import { X509Certificate } from 'node:crypto';
import net from 'node:net';
import { Duplex } from 'node:stream';
import tls from 'node:tls';

/**
 * The certificates as the server sends them, in wire order. Node's API rebuilds the chain by issuer and drops what is
 * not on the path, so this reads the handshake itself: TLS 1.2 (the Certificate message is encrypted in TLS 1.3), the
 * bytes tapped on a stream placed under the TLS socket. Undefined when the server does not speak TLS 1.2.
 */
export function sentCertificates(host: string, port: number, opts: { servername?: string; timeoutMs: number }): Promise<Buffer[] | undefined> {
  return new Promise((resolve) => {
    const received: Buffer[] = [];
    const raw = net.connect(port, host);
    // A plain Duplex (not a net.Socket) makes Node run TLS over JS streams, so every byte passes through here.
    const tap = new Duplex({
      read() {},
      write(chunk: Buffer, _enc, cb) {
        raw.write(chunk, cb);
      },
      final(cb) {
        raw.end();
        cb();
      },
    });
    raw.on('data', (d: Buffer) => {
      received.push(d);
      tap.push(d);
    });
    raw.on('end', () => tap.push(null));
    raw.on('error', (e) => tap.destroy(e));
    const socket = tls.connect({ socket: tap, servername: opts.servername, minVersion: 'TLSv1', maxVersion: 'TLSv1.2', ciphers: 'DEFAULT:@SECLEVEL=0', rejectUnauthorized: false });
    const done = (v: Buffer[] | undefined) => {
      clearTimeout(timer);
      socket.destroy();
      raw.destroy();
      resolve(v);
    };
    const timer = setTimeout(() => done(undefined), opts.timeoutMs);
    socket.once('secureConnect', () => done(certificateMessage(Buffer.concat(received))));
    socket.once('error', () => done(undefined));
  });
}

/** The certificate_list of the first Certificate handshake message in plaintext TLS records. */
export function certificateMessage(bytes: Buffer): Buffer[] | undefined {
  const handshake: Buffer[] = [];
  for (let at = 0; at + 5 <= bytes.length; ) {
    const type = bytes[at]!;
    const len = bytes.readUInt16BE(at + 3);
    // ChangeCipherSpec: what follows is encrypted.
    if (type === 20) break;
    if (type === 22) handshake.push(bytes.subarray(at + 5, at + 5 + len));
    at += 5 + len;
  }
  const hs = Buffer.concat(handshake);
  for (let at = 0; at + 4 <= hs.length; ) {
    const type = hs[at]!;
    const len = hs.readUIntBE(at + 1, 3);
    if (type === 11) {
      const body = hs.subarray(at + 4, at + 4 + len);
      const certs: Buffer[] = [];
      for (let p = 3; p + 3 <= body.length; ) {
        const n = body.readUIntBE(p, 3);
        certs.push(Buffer.from(body.subarray(p + 3, p + 3 + n)));
        p += 3 + n;
      }
      return certs;
    }
    at += 4 + len;
  }
  return undefined;
}

const cn = (c: X509Certificate) => /CN=([^\n]+)/.exec(c.subject)?.[1] ?? c.subject.replace(/\n/g, ', ');

/**
 * Problems with the order of the sent chain: each certificate after the leaf should issue the one before it. A
 * certificate that issues none of the others is extra; one that issues an earlier certificate but not its neighbour
 * is out of order. Empty when the order is right.
 */
export function chainOrderProblems(sent: readonly Buffer[]): string[] {
  const certs = sent.map((b) => new X509Certificate(b));
  const issues = (a: X509Certificate, b: X509Certificate) => b.checkIssued(a) && b.verify(a.publicKey);
  const problems: string[] = [];
  for (let i = 1; i < certs.length; i++) {
    const c = certs[i]!;
    if (issues(c, certs[i - 1]!)) continue;
    const issued = certs.findIndex((o, j) => j !== i && issues(c, o));
    problems.push(issued === -1 ? `extra certificate #${i + 1} (CN=${cn(c)}) issues none of the others` : `certificate #${i + 1} (CN=${cn(c)}) is out of order: it issues #${issued + 1}, not #${i}`);
  }
  return problems;
}
