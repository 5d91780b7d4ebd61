#!/usr/bin/env node
// `node bench/sast-peer.mjs [DIR] [--verbose] [--family NAME] [--json OUT]` (after `npm run build`; DIR defaults to
// $GONOGO_SAST_PEER or /work/wt/peer-sast/files): score gonogo's SAST engine on a peer's rule-test files kept OUT of
// this repository (their licence does not allow copying them in, and keeping them out means we cannot tune to them).
// A peer's test file marks each line that must be flagged with a comment `ruleid: <rule>` on the line above, and
// each line that must not be flagged with `ok: <rule>` (`todoruleid`/`todook` are ignored).
//
// Scoring, by weakness family rather than by rule name (the peer's rule ids and ours differ):
// - the peer's rule id gives the family (FAMILY_OF_PEER below: rule id words -> the CWE family its rule yaml states);
// - our findings carry a CWE, mapped to the same families (FAMILY_OF_CWE);
// - a `ruleid` label is FOUND when one of our findings of the same family starts on the labelled statement (the line
//   after the comment up to where its brackets close); a finding of another family there counts as "other family";
// - an `ok` label is FLAGGED when one of our findings of the same family starts in its span (the label only says
//   that rule must stay quiet there: `res.send("m: " + req.query.m)` is an `ok` for a SQL rule and a true XSS);
//   findings of another family on ok lines are counted apart ("other-family on ok").
// Prints recall and the must-not-flag rate overall and per family, then every miss and false flag (with --verbose).
// Exits 0 whatever the score, 2 on bad usage.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args.splice(i, 2)[1];
};
const only = flag('--family');
const jsonOut = flag('--json');
const verbose = args.includes('--verbose');
const dir = args.find((a) => !a.startsWith('--')) ?? process.env.GONOGO_SAST_PEER ?? '/work/wt/peer-sast/files';
if (!existsSync(dir) || !statSync(dir).isDirectory()) {
  process.stderr.write(`no folder ${dir}\nusage: node bench/sast-peer.mjs [DIR] [--verbose] [--family NAME] [--json OUT]   (DIR holds peer rule-test .py/.js/.ts files)\n`);
  process.exit(2);
}
const { scanSource } = await import(path.join(ROOT, 'dist/scan/sast/engine.js'));
const { langOf } = await import(path.join(ROOT, 'dist/scan/sast/parser.js'));
const { SAST_RULES } = await import(path.join(ROOT, 'dist/scan/sast/rules/index.js'));
const CWE_OF_RULE = new Map(SAST_RULES.map((r) => [r.id, r.cwe]));

/** Our CWE ids -> weakness family. */
const FAMILY_OF_CWE = {
  'CWE-89': 'sql', 'CWE-78': 'command', 'CWE-77': 'command', 'CWE-94': 'code', 'CWE-95': 'code', 'CWE-22': 'path',
  'CWE-918': 'ssrf', 'CWE-601': 'redirect', 'CWE-79': 'xss', 'CWE-611': 'xxe', 'CWE-502': 'deserialization',
  'CWE-943': 'nosql', 'CWE-798': 'secret', 'CWE-327': 'crypto', 'CWE-328': 'crypto', 'CWE-916': 'crypto',
  'CWE-338': 'crypto', 'CWE-326': 'tls', 'CWE-295': 'tls', 'CWE-319': 'tls', 'CWE-614': 'cookie', 'CWE-1004': 'cookie',
  'CWE-347': 'jwt', 'CWE-1333': 'redos', 'CWE-1321': 'prototype', 'CWE-489': 'debug', 'CWE-1336': 'template',
  'CWE-643': 'xpath', 'CWE-90': 'ldap', 'CWE-208': 'timing', 'CWE-1327': 'bind', 'CWE-377': 'tempfile', 'CWE-501': 'trust',
};

/** Peer rule id -> family, first match wins (order matters: "user-exec" is code, "os-exec" is a command). */
const FAMILY_OF_PEER = [
  [/nosql|mongo|\$where/, 'nosql'],
  [/hardcoded_config_debug/i, 'debug'],
  [/hardcoded_config_(testing|env)/i, 'config'],
  [/hardcode|secret|password|hmac-key|credential|api-key/, 'secret'],
  [/sql|sqli|sequelize|raw-query|rawsql|raw_query|query-set-extra|extra/, 'sql'],
  [/os-exec|spawn|subprocess|os-system|system-call|command|child-process|shell|exec-command|asyncio/, 'command'],
  [/eval|exec|code-|-code|vm-|vm2|sandbox|new-function|string-concat/, 'code'],
  [/redirect/, 'redirect'],
  [/ssrf|url-host|urllib|request-data/, 'ssrf'],
  [/travers|path-|open|file|sendfile|zip|tar/, 'path'],
  [/xxe|libxml|xml|expat/, 'xxe'],
  [/deserial|pickle|yaml|marshal|jsonpickle|serialize|dill|shelve/, 'deserialization'],
  [/jwt.*(none|verif|alg)|unverified-jwt/, 'jwt'],
  [/cookie/, 'cookie'],
  [/cert|tls|ssl|verify|reject-unauthorized|insecure-transport|http-not-https/, 'tls'],
  [/md5|sha1|sha224|hash|cipher|crypto|ecb|des|random|pseudo/, 'crypto'],
  [/redos|regex/, 'redos'],
  [/prototype/, 'prototype'],
  [/debug/, 'debug'],
  [/render-injection|template-injection|ssti/, 'template'],
  [/xss|html|bypass|trust|response|mark-safe|safe|domsanitizer|autoescape|script-tag|write/, 'xss'],
];
const peerFamily = (rule) => FAMILY_OF_PEER.find(([re]) => re.test(rule.toLowerCase()))?.[1] ?? 'other';

const LABEL = /^\s*(?:#|\/\/|\/\*|\{\/\*|<!--)\s*(ruleid|ok|todoruleid|todook)\s*:\s*([\w.,\- ]+)/;

function* files(d) {
  for (const name of readdirSync(d).sort()) {
    const p = path.join(d, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (langOf(name)) yield p;
  }
}

/** Net bracket depth change of one line, strings stripped roughly (enough to find where a statement ends). */
function depthDelta(line) {
  const code = line.replace(/(["'`])(?:\\.|(?!\1).)*\1/g, '""').replace(/\s#.*$|\/\/.*$/, '');
  let d = 0;
  for (const c of code) {
    if (c === '(' || c === '[' || c === '{') d++;
    else if (c === ')' || c === ']' || c === '}') d--;
  }
  return d;
}

/**
 * Labels of one file: kind, peer rule and the 1-based span [from, to] they cover: the statement after the comment
 * (to where its brackets close) and, since the peer sometimes puts the label above the line where the tainted value
 * is read rather than above the sink, the lines after it up to the next label, blank line, a line indented less than
 * the labelled one, or 12 lines. Both kinds get the same span, so the must-not-flag side is scored as widely.
 */
function labels(lines) {
  const out = [];
  const indent = (l) => /^\s*/.exec(l)[0].length;
  lines.forEach((l, i) => {
    const m = LABEL.exec(l);
    if (!m || (m[1] !== 'ruleid' && m[1] !== 'ok')) return;
    let j = i + 1;
    while (j < lines.length && LABEL.test(lines[j])) j++; // stacked labels cover the same statement
    const from = j + 1;
    let depth = 0;
    let to = from;
    for (let k = j; k < lines.length && k < j + 30; k++) {
      depth += depthDelta(lines[k]);
      to = k + 1;
      if (depth <= 0) break;
    }
    const base = indent(lines[j] ?? '');
    for (let k = to; k < lines.length && k < j + 12; k++) {
      const t = lines[k];
      if (t.trim() === '' || LABEL.test(t) || /^\s*(?:#|\/\/)\s*(?:todo)?(?:ruleid|ok)\b/.test(t) || indent(t) < base) break;
      to = k + 1;
    }
    for (const rule of m[2].split(',').map((s) => s.trim()).filter(Boolean)) out.push({ kind: m[1], rule, line: i + 1, from, to });
  });
  return out;
}

const fams = new Map();
const fam = (name) => {
  let f = fams.get(name);
  if (!f) fams.set(name, (f = { must: 0, found: 0, other: 0, ok: 0, flagged: 0, flaggedOther: 0 }));
  return f;
};
const total = { must: 0, found: 0, other: 0, ok: 0, flagged: 0, flaggedOther: 0, files: 0 };
const misses = [];
const falses = [];
const start = process.hrtime.bigint();
for (const file of files(dir)) {
  const rel = path.relative(dir, file);
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const r = await scanSource(text, langOf(file), rel, SAST_RULES);
  const found = r.findings
    .filter((f) => f.ruleId !== 'sast.parse-error')
    .map((f) => ({ line: f.location.line, rule: f.ruleId, families: [FAMILY_OF_CWE[CWE_OF_RULE.get(f.ruleId)] ?? CWE_OF_RULE.get(f.ruleId)] }));
  const seen = new Set();
  let counted = false;
  for (const l of labels(lines)) {
    const family = peerFamily(l.rule);
    if (only && family !== only) continue;
    // One verdict per (statement, family): a statement labelled twice for the same family counts once.
    const key = `${l.kind}:${l.from}:${family}`;
    if (seen.has(key)) continue;
    seen.add(key);
    counted = true;
    const f = fam(family);
    const hits = found.filter((h) => h.line >= l.from && h.line <= l.to);
    const where = `${rel}:${l.from} [${l.rule}]`;
    if (l.kind === 'ruleid') {
      f.must++;
      total.must++;
      if (hits.some((h) => h.families.includes(family))) {
        f.found++;
        total.found++;
      } else {
        if (hits.length) {
          f.other++;
          total.other++;
        }
        misses.push(`${family.padEnd(15)} ${where}${hits.length ? ` (got ${hits.map((h) => h.rule).join(',')})` : ''}\n      ${lines[l.from - 1]?.trim().slice(0, 140)}`);
      }
    } else {
      f.ok++;
      total.ok++;
      if (hits.length && !hits.some((h) => h.families.includes(family))) {
        f.flaggedOther++;
        total.flaggedOther++;
      }
      if (hits.some((h) => h.families.includes(family))) {
        f.flagged++;
        total.flagged++;
        falses.push(`${family.padEnd(15)} ${where} by ${[...new Set(hits.map((h) => h.rule))].join(',')}\n      ${lines[l.from - 1]?.trim().slice(0, 140)}`);
      }
    }
  }
  if (counted) total.files++;
}
const secs = Number(process.hrtime.bigint() - start) / 1e9;
const pct = (a, b) => (b === 0 ? '   -' : (a / b).toFixed(2));
process.stdout.write('family           recall (found/must)  other-family  must-not-flag flagged (flagged/ok)  other-family on ok\n');
for (const [name, f] of [...fams.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
  process.stdout.write(`${name.padEnd(16)} ${pct(f.found, f.must)} (${f.found}/${f.must})`.padEnd(38) + `${String(f.other).padStart(4)}          ${pct(f.flagged, f.ok)} (${f.flagged}/${f.ok})`.padEnd(36) + `${f.flaggedOther}\n`);
}
process.stdout.write(
  `\nTOTAL ${total.files} files: recall ${pct(total.found, total.must)} (${total.found}/${total.must}; ${total.other} more flagged under another family), must-not-flag flagged ${pct(total.flagged, total.ok)} (${total.flagged}/${total.ok}; ${total.flaggedOther} more by another family), ${secs.toFixed(1)} s\n`,
);
if (verbose) {
  process.stdout.write(`\nMISSES (${misses.length})\n${misses.map((m) => `  ${m}`).join('\n')}\n`);
  process.stdout.write(`\nFALSE FLAGS (${falses.length})\n${falses.map((m) => `  ${m}`).join('\n')}\n`);
}
if (jsonOut) writeFileSync(jsonOut, `${JSON.stringify({ total, families: Object.fromEntries(fams), misses, falses }, null, 2)}\n`);
