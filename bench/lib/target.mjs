// The loopback target: a private nginx instance when nginx is installed, else a minimal Node
// http server child process. Both listen on 127.0.0.1 only and answer "hello world\n".
import http from 'node:http';
import net from 'node:net';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pinned, probe, spawnChild, stopChild, which } from './procs.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const NGINX_INSTALL_HINT = 'apt-get install -y nginx-light';

/** A free TCP port on 127.0.0.1 (listen on 0, read it, close). */
function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** One GET to the target; resolves the status code or rejects. */
function getOnce(url, timeoutMs = 1000, wantBody = false) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false, timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d) => (body += d));
      res.on('end', () => resolve(wantBody ? { status: res.statusCode, body } : res.statusCode));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

/** Poll until the target answers 200, the child dies, or timeoutMs passes. */
async function waitReady(url, child, timeoutMs) {
  const until = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < until) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`target exited early (code ${child.exitCode}, signal ${child.signalCode})`);
    try {
      const status = await getOnce(url);
      if (status === 200) return;
      last = `HTTP ${status}`;
    } catch (err) {
      last = err.message;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`target did not answer 200 within ${timeoutMs} ms (${last})`);
}

export function nginxVersion(bin) {
  const p = probe(bin, ['-v']);
  const m = /nginx version:\s*(\S+)/.exec(p.stderr + p.stdout);
  return m ? m[1] : 'unknown';
}

/**
 * How many requests the target has answered so far, or null when it cannot tell. nginx: the
 * "requests" counter of stub_status, minus the status requests themselves (it counts every one
 * so far, this one included); the Node target: /__served (which counts none of them).
 */
export async function servedCount(target) {
  if (!target.servedUrl) return null;
  target.statusQueries = (target.statusQueries ?? 0) + 1;
  try {
    const { status, body } = await getOnce(target.servedUrl, 2000, true);
    if (status !== 200) return null;
    if (target.kind === 'nginx') {
      const m = /^\s*(\d+)\s+(\d+)\s+(\d+)\s*$/m.exec(body); // "accepts handled requests"
      return m ? Number(m[3]) - target.statusQueries : null;
    }
    return Number(body);
  } catch {
    return null;
  }
}

function nginxConf(dir, port, modules) {
  const p = (name) => path.join(dir, name);
  // Only name temp paths for modules that are compiled in: the directive is unknown otherwise.
  const temps = [
    ['client_body_temp_path', 'client_body', true],
    ['proxy_temp_path', 'proxy', modules.proxy],
    ['fastcgi_temp_path', 'fastcgi', modules.fastcgi],
    ['uwsgi_temp_path', 'uwsgi', modules.uwsgi],
    ['scgi_temp_path', 'scgi', modules.scgi],
  ]
    .filter(([, , on]) => on)
    .map(([d, sub]) => `  ${d} ${p(sub)};`)
    .join('\n');
  return `# private nginx instance for bench/load.mjs (generated; lives in a temp dir)
worker_processes 1;
daemon off;
master_process on;
pid ${p('nginx.pid')};
error_log ${p('error.log')} warn;
worker_rlimit_nofile 16384;
events {
  worker_connections 8192;
}
http {
  access_log off;
  keepalive_requests 1000000;
  keepalive_timeout 65s;
  default_type text/plain;
${temps}
  server {
    listen 127.0.0.1:${port} backlog=4096;
${modules.stubStatus ? '    location = /__served {\n      stub_status;\n    }\n' : ''}    location / {
      return 200 "hello world\\n";
    }
  }
}
`;
}

async function startNginx(bin, tmpDir, pin, log) {
  const dir = path.join(tmpDir, 'nginx');
  mkdirSync(dir, { recursive: true });
  // When run as root nginx's worker switches to "nobody": let it traverse the temp dir.
  chmodSync(tmpDir, 0o755);
  chmodSync(dir, 0o755);
  const v = probe(bin, ['-V']);
  const build = v.stderr + v.stdout;
  const modules = Object.fromEntries(['proxy', 'fastcgi', 'uwsgi', 'scgi'].map((m) => [m, !build.includes(`--without-http_${m}_module`)]));
  modules.stubStatus = build.includes('--with-http_stub_status_module');
  let lastErr;
  for (let attempt = 1; attempt <= 3; attempt++) {
    const port = await freePort();
    const conf = path.join(dir, 'nginx.conf');
    writeFileSync(conf, nginxConf(dir, port, modules));
    // -p: prefix, -e: startup error log (else the compiled-in path, unwritable without root).
    const { cmd, args } = pinned(pin, pin.targetCore, bin, ['-p', dir + '/', '-e', path.join(dir, 'error.log'), '-c', conf]);
    const child = spawnChild(cmd, args);
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr = (stderr + d).slice(-4000)));
    child.stdout.resume();
    const url = `http://127.0.0.1:${port}/`;
    try {
      await waitReady(url, child, 10_000);
      return { kind: 'nginx', version: nginxVersion(bin), url, servedUrl: modules.stubStatus ? `${url}__served` : null, port, child, dir };
    } catch (err) {
      await stopChild(child);
      let errLog = '';
      try {
        errLog = readFileSync(path.join(dir, 'error.log'), 'utf8').slice(-2000);
      } catch {
        /* none */
      }
      lastErr = new Error(`nginx did not start: ${err.message}\n${stderr}${errLog}`.trim());
      if (!/Address already in use/.test(stderr + errLog)) break; // only a port race is worth a retry
      log(`nginx: port ${port} was taken, retrying (${attempt}/3)`);
    }
  }
  throw lastErr;
}

async function startNodeTarget(pin) {
  const { cmd, args } = pinned(pin, pin.targetCore, process.execPath, [path.join(HERE, 'node-target.mjs')]);
  const child = spawnChild(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  const port = await new Promise((resolve, reject) => {
    let buf = '';
    const t = setTimeout(() => reject(new Error(`node target did not report its port within 10 s ${stderr}`)), 10_000);
    child.stdout.setEncoding('utf8').on('data', (d) => {
      buf += d;
      const line = buf.split('\n').find((l) => l.startsWith('{'));
      if (line) {
        clearTimeout(t);
        resolve(JSON.parse(line).port);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(t);
      reject(new Error(`node target exited (code ${code}) ${stderr}`));
    });
  });
  const url = `http://127.0.0.1:${port}/`;
  await waitReady(url, child, 10_000);
  return { kind: 'node', version: process.version, url, servedUrl: `${url}__served`, port, child, dir: null };
}

/** Start the target (nginx if installed, else the Node fallback). `log` prints progress lines. */
export async function startTarget(tmpDir, pin, log, { forceNode = false, requireNginx = false } = {}) {
  const bin = forceNode ? null : which('nginx');
  if (bin) return startNginx(bin, tmpDir, pin, log);
  if (requireNginx) throw new Error(`BENCH_TARGET=nginx but nginx is not installed: \`${NGINX_INSTALL_HINT}\``);
  if (forceNode) log('BENCH_TARGET=node: using the Node http target even if nginx is installed.');
  else log(`nginx not found: install it for a C reference target with \`${NGINX_INSTALL_HINT}\` (Debian/Ubuntu).`);
  log('Falling back to a minimal Node http server child process (it will be the bottleneck sooner than nginx).');
  return startNodeTarget(pin);
}

/** Whether the target is still running (a dead target invalidates the remaining runs). */
export function targetAlive(target) {
  return target.child.exitCode === null && target.child.signalCode === null;
}
