#!/usr/bin/env node
// `node bench/sast-corpus.mjs DIR [--verbose]` (after `npm run build`): score gonogo's SAST rules on a labelled
// corpus kept OUT of this repository (so we cannot tune to it), written in the convention of peers' rule-test
// files: a comment `ruleid: <id>` marks code that must be flagged, `ok: <id>` code that must not be
// (`todo`/`todook` lines are ignored). The code a label covers runs from the line after the comment up to the next
// label, blank line or 12 lines, whichever comes first; a label counts as flagged when any gonogo finding
// (parse errors aside) starts inside it.
//
// Prints recall (must-flag labels flagged) and the must-not-flag rate (ok labels flagged), overall and per file.
// Exits 0 whatever the score, 2 on bad usage.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const dir = args.find((a) => !a.startsWith('--'));
if (!dir) {
  process.stderr.write('usage: node bench/sast-corpus.mjs DIR [--verbose]   (DIR holds annotated .py/.js/.ts files)\n');
  process.exit(2);
}
const { scanSource } = await import(path.join(ROOT, 'dist/scan/sast/engine.js'));
const { langOf } = await import(path.join(ROOT, 'dist/scan/sast/parser.js'));
const { SAST_RULES } = await import(path.join(ROOT, 'dist/scan/sast/rules/index.js'));

const LABEL = /^\s*(?:#|\/\/)\s*(ruleid|ok|todoruleid|todook|todo)\s*:?\s*([\w.,-]*)/;

function* files(d) {
  for (const name of readdirSync(d).sort()) {
    const p = path.join(d, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (langOf(name)) yield p;
  }
}

/** Labels of one file: kind and the 1-based line span [from, to] they cover. */
function labels(lines) {
  const out = [];
  lines.forEach((l, i) => {
    const m = LABEL.exec(l);
    if (!m || (m[1] !== 'ruleid' && m[1] !== 'ok')) return;
    let to = i + 1;
    for (let j = i + 1; j < lines.length && j < i + 13; j++) {
      if (LABEL.test(lines[j]) || lines[j].trim() === '') break;
      to = j + 1;
    }
    out.push({ kind: m[1], rule: m[2], line: i + 1, from: i + 2, to });
  });
  return out;
}

const total = { must: 0, found: 0, ok: 0, flagged: 0 };
const rows = [];
for (const file of files(dir)) {
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const r = await scanSource(text, langOf(file), path.relative(dir, file), SAST_RULES);
  const found = r.findings.filter((f) => f.ruleId !== 'sast.parse-error').map((f) => ({ line: f.location.line, rule: f.ruleId }));
  const row = { file: path.relative(dir, file), must: 0, found: 0, ok: 0, flagged: 0, wrong: [] };
  for (const l of labels(lines)) {
    const hits = found.filter((f) => f.line >= l.from && f.line <= l.to);
    if (l.kind === 'ruleid') {
      row.must++;
      if (hits.length) row.found++;
      else row.wrong.push(`miss ${l.line} (${l.rule})`);
    } else {
      row.ok++;
      if (hits.length) {
        row.flagged++;
        row.wrong.push(`false ${l.line} (${l.rule}) by ${hits.map((h) => h.rule).join(',')}`);
      }
    }
  }
  for (const k of ['must', 'found', 'ok', 'flagged']) total[k] += row[k];
  rows.push(row);
}
const pct = (a, b) => (b === 0 ? '-' : (a / b).toFixed(2));
for (const r of rows) {
  process.stdout.write(`${r.file.padEnd(44)} recall ${pct(r.found, r.must).padStart(4)} (${r.found}/${r.must})  must-not-flag flagged ${pct(r.flagged, r.ok).padStart(4)} (${r.flagged}/${r.ok})\n`);
  if (verbose) for (const w of r.wrong) process.stdout.write(`    ${w}\n`);
}
process.stdout.write(`\nTOTAL ${rows.length} files: recall ${pct(total.found, total.must)} (${total.found}/${total.must}), must-not-flag flagged ${pct(total.flagged, total.ok)} (${total.flagged}/${total.ok})\n`);
