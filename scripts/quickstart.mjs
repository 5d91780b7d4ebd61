#!/usr/bin/env node
// Quick start: start the hello server on loopback, load-test it for 5 s with SLA thresholds,
// print gonogo's summary and exit with gonogo's exit code.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const server = spawn(process.execPath, [here('./hello-server.mjs')], { stdio: ['ignore', 'pipe', 'inherit'] });
const [line] = await once(server.stdout, 'data');
const base = String(line).trim();
const args = ['load', `${base}slow`, '-c', '20', '-d', '5s', '--threshold', 'p(95)<250', '--threshold', 'rate<0.01', '--threshold', 'rps>=100'];
console.log(`$ gonogo ${args.map((a) => (/[()<>= ]/.test(a) ? `'${a}'` : a)).join(' ')}\n`);
const gonogo = spawn(process.execPath, [here('../dist/cli/main.js'), ...args], { stdio: 'inherit' });
const [code] = await once(gonogo, 'exit');
server.kill('SIGTERM');
process.exit(code ?? 4);
