import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import http2 from 'node:http2';
import https from 'node:https';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import tls from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { runLoadJson, tmpDir } from '../helpers/cli.js';
import { closedPort } from '../helpers/servers.js';
import { hasProgram, requirePrerequisite } from '../helpers/system.js';
import { listenH2 } from './h2-server.js';
import { median } from './timing-helpers.js';
import { hasOpenssl, selfSignedCert } from './tls-cert.js';

const runTls = requirePrerequisite(hasOpenssl, 'openssl', 'install the openssl package (it makes the test certificates)');
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

const listen = (server: Parameters<typeof listenH2>[0]) => listenH2(server, cleanups);

describe.runIf(runTls)('HTTP/2 in quick mode', () => {
  it('negotiates h2 by ALPN, multiplexes --streams per connection, and times ttfb from the delayed headers', async () => {
    const { key, cert } = selfSignedCert();
    const waited: number[] = [];
    let sessions = 0;
    let inFlight = 0;
    let maxInFlight = 0;
    const server = http2.createSecureServer({ key, cert, allowHTTP1: true });
    server.on('session', () => sessions++);
    server.on('stream', (stream) => {
      const t0 = performance.now();
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      setTimeout(() => {
        if (stream.destroyed) return;
        stream.respond({ ':status': 200, 'content-type': 'text/plain' });
        waited.push(performance.now() - t0);
        inFlight--;
        stream.end('hello over h2');
      }, 100);
    });
    const port = await listen(server);
    const { r, j } = await runLoadJson(['load', `https://127.0.0.1:${port}/`, '-c', '2', '--streams', '3', '-d', '3s', '--workers', '1', '--insecure', '-q']);
    expect(r.code, r.stderr).toBe(0);
    expect(j.totals.errors).toBe(0);
    expect(j.options).toMatchObject({ protocol: 'h2', streams: 3, connections: 2 });
    expect(j.protocols).toEqual({ 'http/1.1': 0, h2: j.totals.requests });
    // Two connections, each carrying three streams at once.
    expect(sessions).toBe(2);
    expect(maxInFlight).toBe(6);
    expect(j.phasesMs.tls.count).toBe(2);
    expect(j.phasesMs.connect.count).toBe(2);
    // Bounded from below by the server's own wait (accuracy.test.ts holds it to max(10%, 2 ms), running alone).
    expect(j.phasesMs.ttfb.p50).toBeGreaterThanOrEqual(median(waited) - 0.5);
    expect(j.totals.bytesReceived).toBe(j.totals.requests * 'hello over h2'.length);
  });

  it('--http1 keeps HTTP/1.1 on a server that offers h2; --http2 refuses a server that does not', async () => {
    const { key, cert } = selfSignedCert();
    const both = http2.createSecureServer({ key, cert, allowHTTP1: true }, (_req, res) => res.end('ok'));
    const bothPort = await listen(both);
    const h1 = await runLoadJson(['load', `https://127.0.0.1:${bothPort}/`, '-c', '2', '-d', '1s', '--workers', '1', '--insecure', '--http1', '-q']);
    expect(h1.r.code, h1.r.stderr).toBe(0);
    expect(h1.j.protocols['http/1.1']).toBe(h1.j.totals.requests);
    expect(h1.j.options.protocol).toBe('http/1.1');

    const onlyH1 = https.createServer({ key, cert }, (_req, res) => res.end('ok'));
    const h1Port = await listen(onlyH1);
    const forced = await runLoadJson(['load', `https://127.0.0.1:${h1Port}/`, '-c', '1', '-d', '1s', '--insecure', '--http2', '-q']);
    expect(forced.r.code).toBe(3);
    expect(forced.r.stderr).toMatch(/does not speak HTTP\/2/);
    expect(forced.r.stderr).not.toMatch(/\n\s+at .*:\d+:\d+\)?$/m); // no stack trace
    // Negotiation without --http2 falls back to HTTP/1.1 on the same server.
    const auto = await runLoadJson(['load', `https://127.0.0.1:${h1Port}/`, '-c', '1', '-d', '1s', '--workers', '1', '--insecure', '-q']);
    expect(auto.r.code, auto.r.stderr).toBe(0);
    expect(auto.j.protocols).toEqual({ 'http/1.1': auto.j.totals.requests, h2: 0 });
  });

  it('a server that agrees to h2 and then sends garbage: protocol errors, and the run completes', async () => {
    const { key, cert } = selfSignedCert();
    const server = tls.createServer({ key, cert, ALPNProtocols: ['h2'] }, (socket) => {
      socket.on('error', () => {});
      socket.once('data', () => socket.write('HTTP/1.1 200 OK\r\nthis is not a SETTINGS frame\r\n\r\n'));
    });
    const port = await listen(server);
    const { r, j } = await runLoadJson(['load', `https://127.0.0.1:${port}/`, '-c', '2', '-d', '1s', '--workers', '1', '--insecure', '--http2', '-q'], { timeoutMs: 20_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(j.totals.requests).toBeGreaterThan(0);
    expect(j.totals.errors).toBe(j.totals.requests);
    expect(Object.keys(j.errorClasses)).toEqual(['protocol']);
    expect(j.protocols?.h2 ?? 0).toBe(0); // no response came back over any protocol
  });
});

describe('h2c', () => {
  it('--http2 on an http:// URL speaks HTTP/2 with prior knowledge', async () => {
    const server = http2.createServer((_req, res) => res.end('plain h2'));
    const port = await listen(server);
    const { r, j } = await runLoadJson(['load', `http://127.0.0.1:${port}/`, '-c', '2', '--streams', '2', '-d', '1s', '--workers', '1', '--http2', '-q']);
    expect(r.code, r.stderr).toBe(0);
    expect(j.totals.errors).toBe(0);
    expect(j.protocols.h2).toBe(j.totals.requests);
    expect(j.phasesMs.tls.count).toBe(0);
  });
});

const nginxHasH2 = hasProgram('nginx') && /http_v2_module/.test(await nginxBuild());
async function nginxBuild(): Promise<string> {
  if (!hasProgram('nginx')) return '';
  return new Promise((resolve) => {
    const p = spawn('nginx', ['-V'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let out = '';
    p.stderr.on('data', (d) => (out += d));
    p.on('close', () => resolve(out));
    p.on('error', () => resolve(''));
  });
}

describe.runIf(runTls && requirePrerequisite(nginxHasH2, 'nginx with http_v2_module', "install Debian's nginx"))('nginx with http2', () => {
  it('negotiates h2 with nginx (its defaults: GOAWAY every 1000 requests) and every response comes over it, without errors', async () => {
    const dir = tmpDir('gonogo-nginx-');
    const { key, cert } = selfSignedCert();
    writeFileSync(path.join(dir, 'key.pem'), key);
    writeFileSync(path.join(dir, 'cert.pem'), cert);
    const port = await closedPort();
    // nginx 1.22 spells HTTP/2 on the listen line (1.25 moved it to `http2 on;`).
    writeFileSync(
      path.join(dir, 'nginx.conf'),
      `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fastcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  server {
    listen 127.0.0.1:${port} ssl http2;
    ssl_certificate ${dir}/cert.pem;
    ssl_certificate_key ${dir}/key.pem;
    location / { return 200 "nginx over h2\\n"; }
  }
}
`,
    );
    const nginx: ChildProcess = spawn('nginx', ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: 'ignore' });
    cleanups.push(() => new Promise<void>((r) => {
      if (nginx.exitCode !== null) return r();
      nginx.once('close', () => r());
      nginx.kill('SIGTERM');
    }));
    // Wait until it listens.
    for (let i = 0; i < 50; i++) {
      const up = await new Promise<boolean>((resolve) => {
        const s = tls.connect({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => (s.destroy(), resolve(true)));
        s.on('error', () => resolve(false));
      });
      if (up) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const { r, j } = await runLoadJson(['load', `https://127.0.0.1:${port}/`, '-c', '2', '--streams', '4', '-d', '1s', '--workers', '1', '--insecure', '-q']);
    expect(r.code, r.stderr).toBe(0);
    expect(j.totals.errors).toBe(0);
    expect(j.options.protocol).toBe('h2');
    expect(j.protocols.h2).toBe(j.totals.requests);
    expect(j.totals.requests).toBeGreaterThan(10);
    // nginx's defaults: GOAWAY after 1000 requests per connection (keepalive_requests); the run carries on over new ones.
    expect(j.generator.connectionsOpened).toBeGreaterThanOrEqual(Math.ceil(j.totals.requests / 1000));
  });
});
