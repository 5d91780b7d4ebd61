// Fallback benchmark target when nginx is not installed: a minimal keep-alive HTTP server on
// 127.0.0.1, port 0. Runs as its own child process (so it can be pinned to a core and does not
// share the benchmark's event loop). Prints {"port":N} on stdout once listening; exits when its
// stdin closes (the parent went away) or on SIGTERM/SIGINT. GET /__served returns the number of
// requests answered so far (the benchmark's cross-check of each tool's own count).
import http from 'node:http';

const BODY = Buffer.from('hello world\n');
let served = 0;
const server = http.createServer((req, res) => {
  req.resume();
  if (req.url === '/__served') {
    // The benchmark's cross-check: how many requests this target has answered (this one excluded).
    res.writeHead(200, { 'content-type': 'text/plain' });
    return res.end(String(served));
  }
  served++;
  res.writeHead(200, { 'content-type': 'text/plain', 'content-length': BODY.length });
  res.end(BODY);
});
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.maxRequestsPerSocket = 0;
server.maxConnections = 100_000;

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ port: server.address().port }) + '\n');
});

const quit = () => {
  server.closeAllConnections?.();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 1000).unref();
};
process.on('SIGTERM', quit);
process.on('SIGINT', quit);
process.stdin.on('end', quit).on('close', quit).resume();
