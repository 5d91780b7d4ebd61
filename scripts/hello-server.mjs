#!/usr/bin/env node
// A tiny loopback HTTP service to try `gonogo load` against until the reference service lands.
//   node scripts/hello-server.mjs [--port 8080]
// GET /         -> "hello" at once
// GET /slow     -> answers after 20 ms (every 10th after 200 ms)
// GET /health   -> {"status":"ok"}
import http from 'node:http';

const i = process.argv.indexOf('--port');
const port = i > 0 ? Number(process.argv[i + 1]) : 0;
let n = 0;
const server = http.createServer((req, res) => {
  if (req.url === '/health') {
    res.setHeader('content-type', 'application/json');
    return res.end('{"status":"ok"}');
  }
  if (req.url?.startsWith('/slow')) return setTimeout(() => res.end('slow hello\n'), n++ % 10 === 9 ? 200 : 20);
  res.end('hello\n');
});
server.listen(port, '127.0.0.1', () => {
  // The first line names the URL so scripts can read it.
  console.log(`http://127.0.0.1:${server.address().port}/`);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
