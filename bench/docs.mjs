#!/usr/bin/env node
// `npm run bench -- docs`: gonogo docs against remark-validate-links (remark-cli) and
// markdown-link-check on the same generated tree of Markdown files (internal checks only, nothing
// leaves the machine). Every tool runs pinned to one core when taskset exists; each is also asked how
// many broken links it found, since a fast tool that misses them is not a faster tool.
//
//   node bench/docs.mjs [--files 1000] [--runs 3] [--keep]
//
// Results: bench/out/docs-latest.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { table } from './lib/report.mjs';
import { which } from './lib/procs.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? dflt : Number(process.argv[i + 1]);
};
const FILES = arg('files', 1000);
const RUNS = arg('runs', 3);
const PER_DIR = 20;
// Deterministic pseudo-random numbers (mulberry32), so every run generates the same tree.
let seed = 42;
const rand = (n) => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) % n;
};

/** A tree like a real docs folder: nested pages, cross links with anchors, images, references, code. */
function generate(dir, files) {
  const names = Array.from({ length: files }, (_, i) => `section-${String(Math.floor(i / PER_DIR)).padStart(3, '0')}/page-${i % PER_DIR}.md`);
  const headings = ['Overview', 'Install', 'Configuration', 'Usage', 'Examples', 'Troubleshooting', 'FAQ'];
  mkdirSync(path.join(dir, 'img'), { recursive: true });
  writeFileSync(path.join(dir, 'img', 'diagram.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>\n');
  let broken = 0;
  names.forEach((name, i) => {
    const from = path.dirname(name);
    const rel = (to) => path.relative(from, to).split(path.sep).join('/') || path.basename(to);
    const lines = [`# Page ${i}`, '', `Introduction to page ${i} with \`inline code\` and a [reference link][ref-${i}].`, ''];
    for (const [k, h] of headings.entries()) {
      lines.push(`## ${h}`, '');
      const target = names[rand(files)];
      const anchor = headings[rand(headings.length)].toLowerCase();
      // About 1 link in 100 is broken: half a missing file, half a missing anchor.
      const r = rand(200);
      if (r === 0) {
        broken++;
        lines.push(`This refers to [a page that moved](${rel(`${target}.old`)}) and more text.`);
      } else if (r === 1) {
        broken++;
        lines.push(`This refers to [a heading that was renamed](${rel(target)}#not-${anchor}) and more text.`);
      } else {
        lines.push(`Read [${h} of another page](${rel(target)}#${anchor}) and [the start](#page-${i}), then`);
        lines.push(`[${headings[(k + 1) % headings.length]}](#${headings[(k + 1) % headings.length].toLowerCase()}) in this page. ![diagram](${rel('img/diagram.svg')})`);
      }
      lines.push('', 'Some prose that wraps over a few lines, as documentation does, with **bold** and _emphasis_ and a', 'second sentence for good measure.', '');
      if (k === 2) lines.push('```json', `{ "page": ${i}, "enabled": true, "tags": ["a", "b"] }`, '```', '');
      if (k === 3) lines.push('```yaml', `page: ${i}`, 'list:', '  - one', '  - two', '```', '');
      if (k === 4) lines.push('```ts', `export const page: number = ${i};`, 'console.log(page);', '```', '');
      if (k === 5 && i % 5 === 0) lines.push('```bash', `echo "page ${i}"`, 'ls -la | head -n 3', '```', '');
    }
    lines.push(`[ref-${i}]: ${rel(names[rand(files)])}`, '');
    writeFileSync(path.join(dir, name), lines.join('\n'), { flag: 'w' });
  });
  return broken;
}

function mkdirs(dir, files) {
  for (let i = 0; i < files; i += PER_DIR) mkdirSync(path.join(dir, `section-${String(Math.floor(i / PER_DIR)).padStart(3, '0')}`), { recursive: true });
}

const taskset = which('taskset');
const CPU_MARK = '@@cpu ';
/**
 * Wall time, and CPU time (user + sys of the tool and its children, from the shell's `times`): on a
 * shared machine the wall time also counts waiting for the core, the CPU time only the tool's work.
 */
function timed(cmd, args, cwd) {
  const inner = taskset ? [taskset, '-c', '0', cmd, ...args] : [cmd, ...args];
  // `times` prints the shell's own times, then its children's: the second line is the tool's.
  const script = `"$@"; code=$?; echo "${CPU_MARK}" >&2; times >&2; exit $code`;
  const t0 = process.hrtime.bigint();
  const r = spawnSync('bash', ['-c', script, 'bench', ...inner], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const stderr = r.stderr ?? '';
  const mark = stderr.lastIndexOf(CPU_MARK);
  const secs = (t) => {
    const m = /^(\d+)m([\d.]+)s$/.exec(t);
    return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
  };
  const children = mark === -1 ? '' : (stderr.slice(mark + CPU_MARK.length).trim().split('\n')[1] ?? '');
  const [user, sys] = children.trim().split(/\s+/).map(secs);
  return { ms, cpuMs: (user + sys) * 1000, code: r.status, stdout: r.stdout ?? '', stderr: mark === -1 ? stderr : stderr.slice(0, mark) };
}

const version = (dir) => {
  try {
    return JSON.parse(readFileSync(path.join(ROOT, 'node_modules', dir, 'package.json'), 'utf8')).version;
  } catch {
    return 'unknown';
  }
};

const gonogoMain = path.join(ROOT, 'dist', 'cli', 'main.js');
const remarkCli = path.join(ROOT, 'node_modules', 'remark-cli', 'cli.js');
const remarkPlugin = path.join(ROOT, 'node_modules', 'remark-validate-links', 'index.js');
const mlcCli = path.join(ROOT, 'node_modules', 'markdown-link-check', 'markdown-link-check');

const tools = [
  {
    name: 'gonogo docs (links only)',
    version: JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version,
    what: 'links, anchors, images, references',
    config: 'docs:\n  code:\n    languages: []\n    requireLanguage: false\n  drift:\n    cli: false\n    dependencies: false\n',
    run: (dir) => timed(process.execPath, [gonogoMain, 'docs', '.', '-q', '--format', 'json', '--config', 'links-only.yaml'], dir),
    broken: (r) => JSON.parse(r.stdout).findings.filter((f) => f.ruleId === 'docs.link-broken' || f.ruleId === 'docs.anchor-broken').length,
  },
  {
    name: 'gonogo docs (all internal checks)',
    version: JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version,
    what: '+ json/yaml/ts/bash syntax, shellcheck, CLI + version drift',
    run: (dir) => timed(process.execPath, [gonogoMain, 'docs', '.', '-q', '--format', 'json'], dir),
    broken: (r) => JSON.parse(r.stdout).findings.filter((f) => f.ruleId === 'docs.link-broken' || f.ruleId === 'docs.anchor-broken').length,
  },
  {
    name: 'remark-validate-links',
    version: `${version('remark-validate-links')} (remark-cli ${version('remark-cli')})`,
    what: 'links, anchors, images',
    run: (dir) => timed(process.execPath, [remarkCli, '.', '--use', `${remarkPlugin}=repository:false`, '--no-stdout', '--quiet', '--no-color', '--ignore-path', 'none'], dir),
    broken: (r) => (r.stderr.match(/remark-validate-links:missing/g) ?? []).length,
  },
  {
    name: 'markdown-link-check',
    version: version('markdown-link-check'),
    what: 'links (files by existence), same-file anchors',
    run: (dir) => timed(process.execPath, [mlcCli, '--quiet', '.'], dir),
    broken: (r) => ((r.stdout + r.stderr).match(/^\s*\[✖\]/gm) ?? []).length,
  },
];

/**
 * Why markdown-it: the CommonMark parsers side by side on the generated tree, in this process.
 * mdast-util-from-markdown (micromark) comes with remark; it is measured only when installed.
 */
async function compareParsers(tree) {
  const { readdirSync } = await import('node:fs');
  const texts = readdirSync(tree, { recursive: true }).filter((f) => String(f).endsWith('.md')).map((f) => readFileSync(path.join(tree, String(f)), 'utf8'));
  const cpu = (fn) => {
    const c = process.cpuUsage();
    for (const t of texts) fn(t);
    const d = process.cpuUsage(c);
    return Math.round((d.user + d.system) / 1000);
  };
  const out = [];
  const { parseMarkdown } = await import(path.join(ROOT, 'dist', 'docs', 'markdown.js'));
  const { default: MarkdownIt } = await import('markdown-it');
  const md = new MarkdownIt({ html: true });
  const candidates = [
    ['gonogo extraction (markdown-it + position hooks)', parseMarkdown],
    [`markdown-it ${version('markdown-it')} parse only`, (t) => md.parse(t, {})],
  ];
  try {
    const { fromMarkdown } = await import('mdast-util-from-markdown');
    candidates.push([`mdast-util-from-markdown ${version('mdast-util-from-markdown')} (micromark)`, (t) => fromMarkdown(t)]);
  } catch {
    // not installed: remark is a peer in this benchmark only
  }
  for (const [name, fn] of candidates) out.push({ name, coldMs: cpu(fn), warmMs: cpu(fn) });
  return out;
}

const keep = process.argv.includes('--keep');
const dir = mkdtempSync(path.join(tmpdir(), 'gonogo-bench-docs-'));
try {
  mkdirs(dir, FILES);
  const broken = generate(dir, FILES);
  writeFileSync(path.join(dir, 'links-only.yaml'), tools[0].config);
  writeFileSync(path.join(dir, 'none'), '');
  process.stdout.write(`${FILES} Markdown files in ${FILES / PER_DIR} folders, ${broken} broken internal links planted; ${RUNS} runs each${taskset ? ', pinned to CPU 0 (taskset)' : ''}; best run shown\n\n`);
  const results = [];
  for (const tool of tools) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(tool.run(dir));
    const best = runs.reduce((a, b) => (b.ms < a.ms ? b : a));
    let found = null;
    try {
      found = tool.broken(best);
    } catch {
      found = null;
    }
    const cpuBest = Math.min(...runs.map((r) => r.cpuMs));
    results.push({ tool: tool.name, version: tool.version, checks: tool.what, bestMs: best.ms, medianMs: runs.map((r) => r.ms).sort((a, b) => a - b)[Math.floor(runs.length / 2)], cpuMs: cpuBest, exit: best.code, brokenFound: found });
  }
  const base = results[0].cpuMs;
  process.stdout.write(
    table(
      ['tool', 'wall s (best)', 'cpu s (best)', 'files/cpu-s', 'cpu vs gonogo links', 'broken found', 'checks'],
      results.map((r) => [`${r.tool} ${r.version}`, (r.bestMs / 1000).toFixed(2), (r.cpuMs / 1000).toFixed(2), Math.round(FILES / (r.cpuMs / 1000)).toLocaleString('en-US'), `${(r.cpuMs / base).toFixed(1)}x`, r.brokenFound === null ? '?' : `${r.brokenFound}/${broken}`, r.checks]),
    ) + '\n',
  );
  const gonogo = results[1];
  const load = (await import('node:os')).loadavg()[0];
  process.stdout.write(`\nload average while measuring: ${load.toFixed(1)} on ${(await import('node:os')).cpus().length} cores (wall times include waiting for the core)\n`);
  process.stdout.write(`goal: ${FILES} files (all internal checks) in under 2 s on one core: ${(gonogo.bestMs / 1000).toFixed(2)} s wall, ${(gonogo.cpuMs / 1000).toFixed(2)} s CPU — ${gonogo.cpuMs < 2000 ? 'met' : 'NOT met'} (CPU)\n`);
  const parsers = await compareParsers(dir);
  process.stdout.write(`\nMarkdown parsers on the same tree, in process (CPU ms, cold = first pass, warm = second pass):\n${table(['parser', 'cold ms', 'warm ms'], parsers.map((p) => [p.name, String(p.coldMs), String(p.warmMs)]))}\n`);
  mkdirSync(path.join(ROOT, 'bench', 'out'), { recursive: true });
  writeFileSync(path.join(ROOT, 'bench', 'out', 'docs-latest.json'), JSON.stringify({ date: new Date().toISOString(), loadAverage: (await import('node:os')).loadavg(), files: FILES, plantedBroken: broken, runs: RUNS, pinned: Boolean(taskset), node: process.version, results, parsers }, null, 2) + '\n');
} finally {
  if (keep) process.stdout.write(`tree kept in ${dir}\n`);
  else rmSync(dir, { recursive: true, force: true });
}
