#!/usr/bin/env node
// Parse every lockfile fixture of a peer extractor (../shared/peer/scalibr-lockfiles/fixtures/<NNN>-<name>/<file>)
// the way `gonogo scan deps` reads a folder (dist/, so `npm run build` first; requirements `-r` includes
// followed) and print, per fixture, the package list, the warnings and whether the file was refused.
// `--json` writes the same as JSON. Exit 2 when the folder is missing.
//
// GONOGO_PEER_EXPECT=<expected.json> scores each fixture against the peer's own expectations (kept outside
// the repo, like the fixtures): { fixtures: { "<fixture>": { error, packages: [{ name, version, groups,
// commit?, comparator?, derived? }] } } }. Per fixture: missing packages, extra packages, version
// differences, commit, dev-group and comparator differences; totals "N of M package lists exact"
// (name@version sets, each name@version once) and "K of M exact with dev group, commit and comparator".
// PyPI names compare PEP 503-normalised, Go versions without the leading v (1.16 = 1.16.0). A requirements
// bound (>=, <=, ~=) is listed by gonogo at the bound with `constraint` set (docs/deps.md), which must carry
// the peer's comparator. The same script scores other fixture sets (GONOGO_PEER_LOCKFILES, e.g. go.mod,
// Cargo.lock, Gemfile.lock, composer.lock, pom.xml, Gradle samples) with their own expectations. gonogo's deliberate
// differences are applied by rule and reported apart, never counted as exact: a pin that is no PEP 440
// version is a warning at its line, not a package; a pom declaring one artifact twice has both checked.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const dir = process.env.GONOGO_PEER_LOCKFILES ?? path.resolve(repo, '../shared/peer/scalibr-lockfiles/fixtures');
if (!existsSync(dir)) {
  console.error(`peer lockfile fixtures not found: ${dir} (set GONOGO_PEER_LOCKFILES)`);
  process.exit(2);
}
const expectFile = process.env.GONOGO_PEER_EXPECT;
if (expectFile && !existsSync(expectFile)) {
  console.error(`expectations file not found: ${expectFile} (GONOGO_PEER_EXPECT)`);
  process.exit(2);
}
const { readLockfiles } = await import(path.join(repo, 'dist/scan/deps/scan.js'));

const rows = [];
for (const fixture of readdirSync(dir).sort()) {
  const read = await readLockfiles({ root: path.join(dir, fixture) });
  rows.push({
    fixture,
    files: read.lockfiles.map((l) => l.file),
    ecosystem: read.lockfiles[0]?.ecosystem,
    packages: read.lockfiles.flatMap((l) => l.packages.map((p) => ({ name: p.name, version: p.version, dev: p.dev === true, ...(p.commit ? { commit: p.commit } : {}), ...(p.constraint ? { constraint: p.constraint } : {}) }))),
    warnings: read.notes,
    error: read.problems.map((p) => p.message).join('; ') || undefined,
  });
}

const label = (p) => `${p.name}@${p.version}${p.commit ? `#${p.commit.slice(0, 7)}` : ''}`;
if (!expectFile) {
  if (process.argv.includes('--json')) console.log(JSON.stringify(rows, null, 2));
  else {
    for (const r of rows) console.log(`${r.fixture}: ${r.error ? `REFUSED ${r.error}` : `${r.packages.length} packages${r.warnings.length ? `, ${r.warnings.length} warnings` : ''}`}${r.packages.length ? `\n  ${r.packages.map(label).join(' ')}` : ''}`);
    const refused = rows.filter((r) => r.error).length;
    console.log(`\n${rows.length} fixtures: ${rows.length - refused} read, ${refused} refused, ${rows.reduce((n, r) => n + r.warnings.length, 0)} entry warnings`);
  }
  process.exit(0);
}

const expected = JSON.parse(readFileSync(expectFile, 'utf8')).fixtures;
const pep503 = (n) => n.toLowerCase().replace(/[-_.]+/g, '-');
// PEP 440's version grammar (packaging's VERSION_PATTERN), anchored.
const PEP440 = /^\s*v?(?:(?:[0-9]+!)?[0-9]+(?:\.[0-9]+)*(?:[-_.]?(?:a|b|c|rc|alpha|beta|pre|preview)[-_.]?[0-9]*)?(?:-[0-9]+|[-_.]?(?:post|rev|r)[-_.]?[0-9]*)?(?:[-_.]?dev[-_.]?[0-9]*)?)(?:\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?\s*$/i;
const scores = rows.filter((r) => expected[r.fixture]).map((r) => score(r, expected[r.fixture]));
const listsExact = scores.filter((s) => s.listExact).length;
const fullyExact = scores.filter((s) => s.listExact && s.commit.length === 0 && s.dev.length === 0 && s.comparator.length === 0).length;
if (process.argv.includes('--json')) console.log(JSON.stringify(scores, null, 2));
else {
  for (const s of scores) {
    const parts = [];
    if (s.errorDiff) parts.push(s.errorDiff);
    if (s.missing.length) parts.push(`missing ${s.missing.join(' ')}`);
    if (s.extra.length) parts.push(`extra ${s.extra.join(' ')}`);
    if (s.version.length) parts.push(`version ${s.version.join(' ')}`);
    if (s.commit.length) parts.push(`commit ${s.commit.join(' ')}`);
    if (s.dev.length) parts.push(`dev ${s.dev.join(' ')}`);
    if (s.comparator.length) parts.push(`comparator ${s.comparator.join(' ')}`);
    if (s.deliberate.length) parts.push(`deliberate: ${s.deliberate.join('; ')}`);
    console.log(`${s.listExact && !s.commit.length && !s.dev.length && !s.comparator.length ? 'exact ' : s.listExact ? 'list  ' : 'DIFF  '} ${s.fixture}${parts.length ? `: ${parts.join(' | ')}` : ''}`);
  }
  const deliberate = scores.filter((s) => !s.listExact && s.onlyDeliberate).length;
  console.log(`\n${listsExact} of ${scores.length} package lists exact (name@version)${deliberate ? `; ${deliberate} more differ only by gonogo's documented deliberate differences` : ''}`);
  console.log(`${fullyExact} of ${scores.length} exact with dev group, commit and comparator`);
}

/** One fixture against the peer's expectation: sets of name@version (each once), then commit and dev group. */
function score(row, want) {
  const pypi = row.ecosystem === 'PyPI' || /-(requirements|poetry|pipfile)-/.test(row.fixture);
  const norm = (n) => (pypi ? pep503(n) : n);
  // Go spells module versions with a leading v and releases as 1.16 / go1.16; both mean SemVer 1.16.0.
  const goVersion = (v) => v.replace(/^v/, '').replace(/^(\d+\.\d+)$/, '$1.0');
  const ver = (v) => (row.ecosystem === 'Go' ? goVersion(v) : v);
  row = { ...row, packages: row.packages.map((p) => ({ ...p, version: ver(p.version) })) };
  want = { ...want, packages: want.packages.map((p) => ({ ...p, version: ver(p.version) })) };
  const s = { fixture: row.fixture, missing: [], extra: [], version: [], commit: [], dev: [], comparator: [], deliberate: [], errorDiff: undefined };
  if (want.error !== Boolean(row.error && row.packages.length === 0)) s.errorDiff = want.error ? 'peer refuses the file, gonogo reads it' : `gonogo refuses the file: ${row.error}`;
  // Each name@version once; it is development-only when every copy of it is (npm nests copies, Pipfile.lock lists both groups).
  const dedupe = (list) => {
    const byKey = new Map();
    for (const p of list) {
      const k = `${norm(p.name)}@${p.version}#${p.commit ?? ''}`;
      const prev = byKey.get(k);
      byKey.set(k, prev ? { ...prev, dev: prev.dev && p.dev } : p);
    }
    return [...byKey.values()];
  };
  const ours = dedupe(row.packages);
  const theirs = dedupe(want.packages);
  const left = [...theirs];
  const mine = [...ours];
  const take = (pred) => {
    for (let i = 0; i < left.length; i++) {
      const j = mine.findIndex((o) => pred(left[i], o));
      if (j < 0) continue;
      const pair = [left[i], mine[j]];
      left.splice(i--, 1);
      mine.splice(j, 1);
      pairs.push(pair);
    }
  };
  const pairs = [];
  take((w, o) => norm(w.name) === norm(o.name) && w.version === o.version && (w.commit ?? '') === (o.commit ?? ''));
  const exactPairs = pairs.length;
  take((w, o) => norm(w.name) === norm(o.name) && w.version === o.version);
  for (const [w, o] of pairs.slice(exactPairs)) s.commit.push(`${w.name}@${w.version} peer ${w.commit?.slice(0, 7) ?? '-'} gonogo ${o.commit?.slice(0, 7) ?? '-'}`);
  const before = pairs.length;
  take((w, o) => norm(w.name) === norm(o.name) && (w.commit ?? '') === (o.commit ?? ''));
  for (const [w, o] of pairs.slice(before)) s.version.push(`${w.name} peer ${w.version || '""'} gonogo ${o.version || '""'}`);
  for (const [w, o] of pairs) if (w.groups.includes('dev') !== o.dev) s.dev.push(`${w.name}@${w.version} peer ${w.groups.includes('dev') ? 'dev' : 'prod'} gonogo ${o.dev ? 'dev' : 'prod'}`);
  // The peer's comparator ("==" when it gives none; "===" is a pin too) against gonogo's constraint (a pin has none).
  const op = (c) => /^(>=|<=|~=)/.exec(c ?? '')?.[1] ?? '==';
  for (const [w, o] of pairs) if (pypi && op(w.comparator) !== op(o.constraint)) s.comparator.push(`${w.name}@${w.version} peer ${op(w.comparator)} gonogo ${op(o.constraint)}`);
  for (const w of left) {
    if (pypi && !PEP440.test(w.version)) s.deliberate.push(`${w.name} "${w.version}" is no PEP 440 version: gonogo warns at file:line instead`);
    else s.missing.push(label(w));
  }
  // A pom declaring one artifact twice: Maven builds with one; gonogo checks both and warns at the line.
  const twice = (o) => row.ecosystem === 'Maven' && pairs.some(([, p]) => p.name === o.name);
  for (const o of mine.filter(twice)) s.deliberate.push(`${label(o)} is a second declaration of ${o.name}: gonogo checks both and warns`);
  s.extra = mine.filter((o) => !twice(o)).map(label);
  s.listExact = !s.errorDiff && s.missing.length === 0 && s.extra.length === 0 && s.version.length === 0 && s.deliberate.length === 0;
  s.onlyDeliberate = !s.errorDiff && s.missing.length === 0 && s.extra.length === 0 && s.version.length === 0;
  return s;
}
