#!/usr/bin/env node
// `npm run bench [-- name ...]`: runs each benchmark file bench/<name>.mjs in turn (all of BENCHES
// by default), each comparing gonogo with its peers side by side. A benchmark that is missing is
// reported, not fatal; the exit code is the worst of the children's.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const BENCHES = ['load', 'scenario', 'demo-target', 'secrets', 'sast', 'deps', 'image', 'docs', 'probe', 'startup', 'server-metrics'];

const wanted = process.argv.slice(2);
for (const w of wanted) if (!BENCHES.includes(w)) { process.stderr.write(`unknown benchmark "${w}"; choose from ${BENCHES.join(', ')}\n`); process.exit(2); }
let worst = 0;
for (const name of wanted.length ? wanted : BENCHES) {
  const file = path.join(HERE, `${name}.mjs`);
  if (!existsSync(file)) { process.stdout.write(`\n== ${name}: no benchmark yet (bench/${name}.mjs)\n`); continue; }
  process.stdout.write(`\n== ${name} (bench/${name}.mjs)\n`);
  const r = spawnSync(process.execPath, [file], { stdio: 'inherit' });
  if (r.signal === 'SIGINT') process.exit(130);
  worst = Math.max(worst, r.status ?? 1);
}
process.exit(worst);
