import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A minimal WebSocket server for tests (RFC 6455 handshake and frames over node:http's upgrade; node has no
 * built-in server). Routes: `/echo?delay=MS` answers each text message with the same text after MS ms;
 * `/silent` never sends (but answers a close frame); `/drop` destroys the TCP connection on the first message.
 */
export interface WsTestServer {
  url: string;
  /** Handshakes accepted, with their request headers. */
  handshakes: Record<string, string | string[] | undefined>[];
  close(): Promise<void>;
}

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

function frame(opcode: number, payload: Buffer): Buffer {
  const len = payload.length;
  const head = len < 126 ? Buffer.from([0x80 | opcode, len]) : Buffer.from([0x80 | opcode, 126, len >> 8, len & 0xff]);
  return Buffer.concat([head, payload]);
}

/** Client frames are masked; yields [opcode, payload] for each complete frame and keeps the rest. */
function* frames(state: { buf: Buffer }): Generator<[number, Buffer]> {
  for (;;) {
    const b = state.buf;
    if (b.length < 2) return;
    let len = b[1]! & 0x7f;
    let off = 2;
    if (len === 126) {
      if (b.length < 4) return;
      len = b.readUInt16BE(2);
      off = 4;
    } else if (len === 127) {
      if (b.length < 10) return;
      len = Number(b.readBigUInt64BE(2));
      off = 10;
    }
    if (b.length < off + 4 + len) return;
    const mask = b.subarray(off, off + 4);
    const payload = Buffer.from(b.subarray(off + 4, off + 4 + len));
    for (let i = 0; i < payload.length; i++) payload[i]! ^= mask[i & 3]!;
    state.buf = b.subarray(off + 4 + len);
    yield [b[0]! & 0x0f, payload];
  }
}

/** `tls`: serve wss:// (https) with this key and certificate. */
export async function startWsServer(tls?: { key: Buffer; cert: Buffer }): Promise<WsTestServer> {
  const sockets = new Set<Socket>();
  const handshakes: WsTestServer['handshakes'] = [];
  const notFound = (_req: IncomingMessage, res: ServerResponse) => res.writeHead(404).end();
  const server: Server = tls ? createHttpsServer(tls, notFound) : createServer(notFound);
  server.on('upgrade', (req, socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    const key = String(req.headers['sec-websocket-key']);
    const accept = createHash('sha1').update(key + GUID).digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    handshakes.push(req.headers);
    const url = new URL(req.url ?? '/', 'http://x');
    const delay = Number(url.searchParams.get('delay') ?? 0);
    const state = { buf: Buffer.alloc(0) };
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      state.buf = Buffer.concat([state.buf, chunk]);
      for (const [op, payload] of frames(state)) {
        if (op === 0x8) {
          socket.end(frame(0x8, payload.subarray(0, 2)));
          return;
        }
        if (url.pathname === '/drop') {
          socket.destroy();
          return;
        }
        if (url.pathname === '/echo' && (op === 0x1 || op === 0x2)) {
          setTimeout(() => {
            if (!socket.destroyed) socket.write(frame(op, payload));
          }, delay);
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    handshakes,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
