import type { Server as HttpServer } from 'node:http';
import net from 'node:net';

/**
 * One port for both protocols: a connection whose first byte starts a TLS handshake (0x16) goes to
 * the HTTPS server, anything else to a plain-HTTP server that only redirects to https:// on the same
 * host and port (what `tls.redirect` expects).
 */
export function sniffingServer(tlsServer: net.Server, plainServer: HttpServer): net.Server {
  return net.createServer((socket) => {
    socket.once('error', () => socket.destroy());
    // A connection that never says anything must not hold a socket for ever.
    socket.setTimeout(20_000, () => socket.destroy());
    socket.once('data', (first: Buffer) => {
      socket.setTimeout(0);
      socket.pause();
      socket.unshift(first);
      (first[0] === 0x16 ? tlsServer : plainServer).emit('connection', socket);
      process.nextTick(() => socket.resume());
    });
  });
}
