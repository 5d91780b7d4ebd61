#!/usr/bin/env node
// Parse every lockfile fixture of a peer extractor (../shared/peer/scalibr-lockfiles/fixtures/<NNN>-<name>/<file>)
// with gonogo's parsers (dist/, so `npm run build` first) and print, per fixture, the package list, the warnings
// and whether the file was refused. The peer's expected lists are not shipped beside the fixtures, so this prints
// what gonogo reads for a reader to compare; `--json` writes the same as JSON. Exit 2 when the folder is missing.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const dir = process.env.GONOGO_PEER_LOCKFILES ?? path.resolve(repo, '../shared/peer/scalibr-lockfiles/fixtures');
if (!existsSync(dir)) {
  console.error(`peer lockfile fixtures not found: ${dir} (set GONOGO_PEER_LOCKFILES)`);
  process.exit(2);
}
const { parserFor } = await import(path.join(repo, 'dist/scan/deps/lockfiles/index.js'));
const rows = [];
for (const fixture of readdirSync(dir).sort()) {
  for (const file of readdirSync(path.join(dir, fixture))) {
    const parse = parserFor(file);
    if (!parse) continue; // a file included by another one (requirements -r), read through it
    const row = { fixture, file, packages: [], warnings: [], error: undefined };
    {
      const text = readFileSync(path.join(dir, fixture, file), 'utf8');
      try {
        if (text.trim() !== '') {
          const lock = parse(text, file);
          row.packages = lock.packages.map((p) => `${p.name}@${p.version}`);
          row.warnings = lock.notes ?? [];
        }
      } catch (err) {
        row.error = err.message;
      }
    }
    rows.push(row);
  }
}
if (process.argv.includes('--json')) console.log(JSON.stringify(rows, null, 2));
else {
  for (const r of rows) console.log(`${r.fixture}/${r.file}: ${r.error ? `REFUSED ${r.error}` : `${r.packages.length} packages${r.warnings.length ? `, ${r.warnings.length} warnings` : ''}`}${r.packages.length ? `\n  ${r.packages.join(' ')}` : ''}`);
  const refused = rows.filter((r) => r.error).length;
  console.log(`\n${rows.length} fixtures: ${rows.length - refused} read, ${refused} refused, ${rows.reduce((n, r) => n + r.warnings.length, 0)} entry warnings`);
}
