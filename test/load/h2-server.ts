import type http2 from 'node:http2';
import type https from 'node:https';
import type { AddressInfo } from 'node:net';
import type tls from 'node:tls';

/** Listen on 127.0.0.1:0; on cleanup (pushed onto `cleanups`) destroys every open session and socket, then closes. */
export async function listenH2(server: http2.Http2SecureServer | http2.Http2Server | https.Server | tls.Server, cleanups: (() => Promise<void> | void)[]): Promise<number> {
  const open = new Set<{ destroy(): void }>();
  server.on('session', (s: http2.ServerHttp2Session) => open.add(s));
  server.on('connection', (s: { destroy(): void }) => open.add(s));
  server.on('secureConnection', (s: { destroy(): void }) => open.add(s));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(
    () =>
      new Promise<void>((r) => {
        for (const s of open) s.destroy();
        server.close(() => r());
      }),
  );
  return (server.address() as AddressInfo).port;
}
