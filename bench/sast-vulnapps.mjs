#!/usr/bin/env node
// `node bench/sast-vulnapps.mjs [DIR] [--verbose] [--app NAME] [--json OUT]` (after `npm run build`; DIR defaults to
// $GONOGO_VULNAPPS or /work/wt/peer-apps): scan local copies of intentionally vulnerable applications (kept OUT of
// this repository: their licences and code are theirs) and score gonogo's SAST against the vulnerabilities each app
// documents. The labels are ours: bench/vulnapps/<app>.json names, per app, the folder under DIR, the documentation
// read, and for each documented weakness the file, the line range of the statement and the CWE; "safe" lists the
// spots the docs show as fixed or safe. No code of the apps is in the label files.
//
// Scoring: a documented weakness is found when a finding in its file, on a line of its range, carries a CWE of the
// same family (FAMILY below: e.g. our CWE-95 eval injection counts for a documented CWE-94 code injection). A safe
// spot is flagged when such a finding lands in its range. Every other finding is listed as "other" (rule and place)
// for a reader to judge the noise: an undocumented real weakness and a false positive look alike there.
// Exits 0 whatever the score, 2 on bad usage.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const LABELS = path.join(ROOT, 'bench/vulnapps');
const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args.splice(i, 2)[1];
};
const jsonOut = flag('--json');
const only = flag('--app');
const verbose = args.includes('--verbose');
const dir = args.find((a) => !a.startsWith('--')) ?? process.env.GONOGO_VULNAPPS ?? '/work/wt/peer-apps';
const usage = 'usage: node bench/sast-vulnapps.mjs [DIR] [--verbose] [--app NAME] [--json OUT]   (DIR holds one folder per app, named in bench/vulnapps/*.json)\n';
if (!existsSync(dir) || !statSync(dir).isDirectory()) {
  process.stderr.write(`no folder ${dir}\n${usage}`);
  process.exit(2);
}
// `| head` closes stdout early: stop quietly.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
const { scanSast } = await import(path.join(ROOT, 'dist/scan/sast/scan.js'));
const { SAST_RULES } = await import(path.join(ROOT, 'dist/scan/sast/rules/index.js'));
const CWE_OF_RULE = new Map(SAST_RULES.map((r) => [r.id, Number(String(r.cwe).replace(/\D/g, ''))]));

/** Documented CWE -> our CWEs that count for it (the CWE itself, its MITRE children, and the sibling we report). */
const FAMILY = {
  22: [22, 23, 36, 73],
  78: [78, 77],
  79: [79, 80],
  89: [89],
  94: [94, 95],
  95: [94, 95],
  328: [328, 327, 916],
  601: [601],
  611: [611],
  502: [502],
  918: [918],
  943: [943],
  1333: [1333],
  798: [798, 321],
  73: [73, 22, 1336], // external control of a file name: a template's layout/view option taken from request data
};
const counts = (documented, cwe) => (FAMILY[documented] ?? [documented]).includes(cwe);

/** Call sites a cross-file finding names ("request data passed in from app/views.py:7, ..."). */
const viaOf = (message) => {
  const m = /passed in from ([^)]*)\)/.exec(message);
  if (!m) return [];
  return m[1].split(', ').map((s) => /^(.+):(\d+)$/.exec(s)).filter(Boolean).map((x) => ({ file: x[1], line: Number(x[2]) }));
};

const labelFiles = readdirSync(LABELS).filter((n) => n.endsWith('.json')).sort();
const report = { apps: [], total: { documented: 0, found: 0, safe: 0, safeFlagged: 0, other: 0 } };
for (const name of labelFiles) {
  const label = JSON.parse(readFileSync(path.join(LABELS, name), 'utf8'));
  if (only && label.app !== only) continue;
  const appDir = path.join(dir, label.folder);
  if (!existsSync(appDir)) {
    process.stdout.write(`${label.app}: no folder ${appDir}, skipped\n`);
    continue;
  }
  const { findings } = await scanSast(appDir, { today: '2026-12-04' });
  const hits = findings
    .filter((f) => f.ruleId !== 'sast.parse-error')
    .map((f) => ({ rule: f.ruleId, cwe: CWE_OF_RULE.get(f.ruleId), file: f.location.file.split(path.sep).join('/'), line: f.location.line ?? 0, via: viaOf(f.message), used: false }));
  const at = (spot, file, line) => file === spot.file && line >= spot.lines[0] && line <= spot.lines[1];
  const inRange = (spot) => (h) => counts(spot.cwe, h.cwe) && (at(spot, h.file, h.line) || h.via.some((v) => at(spot, v.file, v.line)));
  const app = { app: label.app, documented: label.vulnerabilities.length, found: 0, missed: [], safe: label.safe.length, safeFlagged: [], other: [] };
  for (const v of label.vulnerabilities) {
    const matched = hits.filter(inRange(v));
    matched.forEach((h) => (h.used = true));
    if (matched.length > 0) app.found++;
    else app.missed.push(`${v.id} (${v.file}:${v.lines[0]}, CWE-${v.cwe})`);
  }
  for (const s of label.safe) {
    const matched = hits.filter(inRange(s));
    matched.forEach((h) => (h.used = true));
    if (matched.length > 0) app.safeFlagged.push(`${s.id} (${s.file}:${s.lines[0]}: ${matched.map((h) => h.rule).join(', ')})`);
  }
  app.other = hits.filter((h) => !h.used).map((h) => `${h.rule} ${h.file}:${h.line}`);
  report.apps.push(app);
  report.total.documented += app.documented;
  report.total.found += app.found;
  report.total.safe += app.safe;
  report.total.safeFlagged += app.safeFlagged.length;
  report.total.other += app.other.length;
}
if (report.apps.length === 0) {
  process.stderr.write(`no application of bench/vulnapps/ found under ${dir}\n${usage}`);
  process.exit(2);
}

const pct = (a, b) => (b === 0 ? '-' : `${Math.round((100 * a) / b)}%`);
const rows = [['app', 'found / documented', '', 'safe spots flagged', 'other findings']];
for (const a of report.apps) rows.push([a.app, `${a.found} / ${a.documented}`, pct(a.found, a.documented), `${a.safeFlagged.length} / ${a.safe}`, String(a.other.length)]);
const t = report.total;
rows.push(['all', `${t.found} / ${t.documented}`, pct(t.found, t.documented), `${t.safeFlagged} / ${t.safe}`, String(t.other)]);
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
for (const r of rows) process.stdout.write(r.map((c, i) => c.padEnd(widths[i])).join('  ') + '\n');
for (const a of report.apps) {
  if (a.missed.length) process.stdout.write(`\n${a.app} missed:\n  ${a.missed.join('\n  ')}\n`);
  if (a.safeFlagged.length) process.stdout.write(`${a.app} safe spots flagged:\n  ${a.safeFlagged.join('\n  ')}\n`);
  if (verbose && a.other.length) process.stdout.write(`${a.app} other findings:\n  ${a.other.join('\n  ')}\n`);
}
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(report, null, 2) + '\n');
