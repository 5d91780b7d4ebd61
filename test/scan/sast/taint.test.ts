import { describe, expect, it } from 'vitest';
import { scanSource } from '../../../src/scan/sast/engine.js';
import type { Lang } from '../../../src/scan/sast/parser.js';
import { SAST_RULES } from '../../../src/scan/sast/rules/index.js';
import { isRedos } from '../../../src/scan/sast/rules/redos.js';
import { ALL, KIND } from '../../../src/scan/sast/taint-kinds.js';
import { isCleanCall, sanitizerMask } from '../../../src/scan/sast/taint-sanitizers.js';
import { taintSinks } from '../../../src/scan/sast/taint-sinks.js';
import { isSource } from '../../../src/scan/sast/taint-sources.js';

async function ids(code: string, lang: Lang = 'python', today?: string): Promise<string[]> {
  const r = await scanSource(code, lang, `t.${lang === 'python' ? 'py' : 'ts'}`, SAST_RULES, today);
  return r.findings.map((f) => f.ruleId);
}

/** Every finding of the whole rule set as "rule-id:line", so a test pins the exact report. */
async function hits(code: string, lang: Lang = 'python'): Promise<string[]> {
  const r = await scanSource(code, lang, `t.${lang === 'python' ? 'py' : 'ts'}`, SAST_RULES);
  return r.findings.map((f) => `${f.ruleId}:${(f.location as { line: number }).line}`);
}

/** A Flask view; the body starts on line 5, so body line n is file line 4 + n. */
const flask = (body: string) => `from flask import request\nimport os, subprocess, shlex, re\n\ndef view():\n${body.split('\n').map((l) => `    ${l}`).join('\n')}\n`;
const at = (rule: string, bodyLine: number) => `${rule}:${4 + bodyLine}`;
const OS = 'sast.py-os-system';

describe('intra-procedural taint', () => {
  it('reports request data, not constants, at the same sink', async () => {
    expect(await hits(flask('os.system("ls " + request.args["d"])'))).toEqual([at(OS, 1)]);
    expect(await hits(flask('os.system("ls /tmp")'))).toEqual([]);
    expect(await hits(flask('d = "/tmp"\nos.system("ls " + d)'))).toEqual([]);
  });

  it('follows assignments, f-strings, % and .format, and destructuring', async () => {
    expect(await hits(flask('a = request.form.get("x")\nb = a\ncmd = f"ls {b}"\nos.system(cmd)'))).toEqual([at(OS, 4)]);
    expect(await hits(flask('a = request.form.get("x")\nos.system("ls %s" % a)'))).toEqual([at(OS, 2)]);
    expect(await hits(flask('a = request.form.get("x")\nos.system("ls {}".format(a))'))).toEqual([at(OS, 2)]);
    expect(await hits(flask('a, b = request.args.get("x"), "y"\nos.system("ls " + b)'))).toEqual([]);
    expect(await hits(flask('a, b = request.args.get("x"), "y"\nos.system("ls " + a)'))).toEqual([at(OS, 2)]);
    const js = (pick: string) => `const { exec } = require('child_process');\napp.get('/', (req, res) => {\n  const { dir } = req.query;\n  const safe = 'tmp';\n  exec(\`ls \${${pick}}\`);\n});\n`;
    expect(await hits(js('dir'), 'javascript')).toEqual(['sast.js-exec-injection:5']);
    expect(await hits(js('safe'), 'javascript')).toEqual([]);
  });

  it('clears taint through sanitizers for the kinds they protect only', async () => {
    expect(await hits(flask('a = shlex.quote(request.args["d"])\nos.system("ls " + a)'))).toEqual([]);
    expect(await hits(flask('n = int(request.args["n"])\nos.system("seq %d" % n)'))).toEqual([]);
    // html.escape makes text safe for HTML, not for a shell.
    expect(await hits(flask('import html\na = html.escape(request.args["d"])\nos.system("ls " + a)'))).toEqual([at(OS, 3)]);
    const read = (arg: string) => `const fs = require('fs');\nconst path = require('path');\nfunction h(req) {\n  return fs.readFileSync(${arg});\n}\n`;
    expect(await hits(read("path.join('/srv', path.basename(req.params.f))"), 'javascript')).toEqual([]);
    expect(await hits(read("path.join('/srv', req.params.f)"), 'javascript')).toEqual(['sast.path-traversal:4']);
  });

  it('treats parameterised queries as safe and concatenated ones as injection', async () => {
    expect(await hits(flask('cur.execute("SELECT * FROM t WHERE id = %s", (request.args["id"],))'))).toEqual([]);
    expect(await hits(flask('cur.execute("SELECT * FROM t WHERE id = %s" % request.args["id"])'))).toEqual(['sast.sql-injection:5']);
  });

  it('prunes branches whose condition is a constant and merges the others', async () => {
    expect(await hits(flask('num = 86\nif (7 * 42) - num > 200:\n    bar = "safe"\nelse:\n    bar = request.args["x"]\nos.system(bar)'))).toEqual([]);
    // The same code with the live branch taking request data is reported.
    expect(await hits(flask('num = 86\nif (7 * 42) - num < 200:\n    bar = "safe"\nelse:\n    bar = request.args["x"]\nos.system(bar)'))).toEqual([at(OS, 6)]);
    expect(await hits(flask('bar = "safe"\nif request.args.get("flag"):\n    bar = request.args["x"]\nos.system(bar)'))).toEqual([at(OS, 4)]);
  });

  it('tracks constant dictionary keys and list positions', async () => {
    expect(await hits(flask('m = {}\nm["a"] = "ok"\nm["b"] = request.args["x"]\nos.system(m["a"])'))).toEqual([]);
    expect(await hits(flask('m = {}\nm["a"] = "ok"\nm["b"] = request.args["x"]\nos.system(m.get("b"))'))).toEqual([at(OS, 4)]);
    expect(await hits(flask('l = ["a", request.args["x"], "c"]\nl.pop(0)\nos.system(l[1])'))).toEqual([]);
    expect(await hits(flask('l = ["a", request.args["x"], "c"]\nl.pop(0)\nos.system(l[0])'))).toEqual([at(OS, 3)]);
  });

  it('treats a validation guard that returns early as a sanitizer', async () => {
    expect(await hits(flask('x = request.args["x"]\nif not x.isalnum():\n    return "bad"\nos.system("ls " + x)'))).toEqual([]);
    expect(await hits(flask('x = request.args["x"]\nif not x.isalnum():\n    print("bad")\nos.system("ls " + x)'))).toEqual([at(OS, 4)]);
  });

  it('does not mistake an HTTP client module named "request" for request data (JS)', async () => {
    expect(await hits(`const request = require('request');\nconst { exec } = require('child_process');\nexec('curl ' + request.get('x'));\n`, 'javascript')).toEqual([]);
    // The same sink with Express's req is reported.
    expect(await hits(`const { exec } = require('child_process');\napp.get('/', (req, res) => {\n  exec('curl ' + req.get('x'));\n});\n`, 'javascript')).toEqual(['sast.js-exec-injection:3']);
  });
});

describe('the taint tables', () => {
  it('the sinks table lists every taint rule with the kind of taint it tests', () => {
    const table = new Map(taintSinks(SAST_RULES).map((s) => [s.ruleId, s.kind]));
    expect(table.get('sast.sql-injection')).toBe('sql');
    expect(table.get('sast.py-os-system')).toBe('cmd');
    expect(table.get('sast.path-traversal')).toBe('path');
    expect(table.get('sast.reflected-xss')).toBe('xss');
    expect(table.get('sast.trust-boundary')).toBe('trust');
    // Pattern rules are not sinks.
    expect(table.has('sast.weak-hash')).toBe(false);
    expect(table.has('sast.hardcoded-credentials')).toBe(false);
  });

  it('sources, sanitizers and clean calls answer from their tables', () => {
    expect(isSource('py', 'request.args', false)).toBe(true);
    expect(isSource('py', 'requests.get', false)).toBe(false);
    expect(isSource('js', 'req.query.id', false)).toBe(true);
    expect(isSource('js', 'request.get', true)).toBe(false); // `const request = require('request')`
    expect(isSource('js', 'document.cookie', true)).toBe(true);
    expect(sanitizerMask('shlex.quote') & KIND.cmd).not.toBe(0);
    expect(sanitizerMask('html.escape') & KIND.cmd).toBe(0);
    expect(sanitizerMask('html.escape') & KIND.xss).not.toBe(0);
    expect(sanitizerMask('int')).toBe(ALL);
    expect(sanitizerMask('os.path.join')).toBe(0);
    expect(isCleanCall('len')).toBe(true);
    expect(isCleanCall('str')).toBe(false);
  });
});

describe('inline suppression', () => {
  const code = (comment: string) => flask(`os.system("ls " + request.args["d"])  ${comment}`);

  it('a gonogo:allow comment with a reason suppresses the finding on its line', async () => {
    expect(await ids(code('# gonogo:allow sast.py-os-system input checked by the WAF'))).toEqual([]);
  });

  it('without a reason it suppresses nothing and the finding says why', async () => {
    const r = await scanSource(code('# gonogo:allow'), 'python', 't.py', SAST_RULES);
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]!.message).toMatch(/needs a reason/);
  });

  it('for another rule id it does not apply; after its until= date it lapses', async () => {
    expect(await ids(code('# gonogo:allow sast.sql-injection wrong rule'))).toEqual(['sast.py-os-system']);
    expect(await ids(code('# gonogo:allow sast.py-os-system temporary until=2026-01-31'), 'python', '2026-02-01')).toEqual(['sast.py-os-system']);
    expect(await ids(code('# gonogo:allow sast.py-os-system temporary until=2026-01-31'), 'python', '2026-01-31')).toEqual([]);
  });
});

describe('ReDoS detection', () => {
  it.each([['(a+)+$', true], ['^(\\w+\\s?)*$', true], ['(.*)*x', true], ['(a|a)*', true], ['^[a-z]+$', false], ['^\\w+(?: \\w+)*$', false], ['(ab)+', false], ['\\d{1,3}(,\\d{3})*', false]])('%s -> %s', (p, want) => {
    expect(isRedos(p)).toBe(want);
  });
});

describe('robustness', () => {
  it('a file with syntax errors still gets the rules on what parsed, and says where it broke', async () => {
    const r = await scanSource('import os\nfrom flask import request\ndef f(:\n    pass\nos.system(request.args["x"])\n', 'python', 'broken.py', SAST_RULES);
    expect(r.syntaxErrorLine).toBeGreaterThan(0);
    expect(r.findings.map((f) => f.ruleId)).toContain('sast.py-os-system');
  });

  it('deeply nested expressions do not overflow the stack', async () => {
    const deep = `x = ${'('.repeat(2000)}1${')'.repeat(2000)}\n`;
    expect((await scanSource(deep, 'python', 'deep.py', SAST_RULES)).findings).toEqual([]);
    const chain = (n: number) => `from flask import request\nimport os\na0 = request.args["x"]\n${Array.from({ length: n }, (_, i) => `a${i + 1} = a${i} + "x"`).join('\n')}\nos.system(a${n})\n`;
    // A chain within the depth limit is followed to the sink ...
    expect(await hits(chain(50))).toEqual(['sast.py-os-system:54']);
    // ... a 3,000-step one is given up on quietly (no finding, no stack overflow).
    expect(await hits(chain(3000))).toEqual([]);
  });
});

describe('a pathological file does not stop the scan', () => {
  it('a 20,000-term expression is reported or analysed, and the next file is still scanned', async () => {
    const { mkdirSync, writeFileSync } = await import('node:fs');
    const path = await import('node:path');
    const { tmpDir } = await import('../../helpers/cli.js');
    const { scanSast } = await import('../../../src/scan/sast/scan.js');
    const dir = tmpDir('gonogo-deep-');
    mkdirSync(path.join(dir, 'a'));
    // One term per line, so it is not mistaken for minified code and skipped.
    writeFileSync(path.join(dir, 'a', 'deep.py'), `x = (\n${Array.from({ length: 20000 }, () => '"a"').join(' +\n')}\n)\neval(x)\n`);
    writeFileSync(path.join(dir, 'b.py'), 'import os\nfrom flask import request\nos.system(request.args["x"])\n');
    const r = await scanSast(dir);
    expect(r.files).toBe(2);
    expect(r.findings.map((f) => `${(f.location as { file: string }).file} ${f.ruleId}`)).toContain('b.py sast.py-os-system');
  });
});

describe('taint across the functions of one file', () => {
  it('gives a parameter what the callers pass, keyword arguments and self-methods included', async () => {
    const code = 'import os\nfrom flask import request\n\nclass Tool:\n    def run(self, arg):\n        os.system("tool " + arg)\n\n    def view(self):\n        self.run(arg=request.args["a"])\n\ndef quiet(arg):\n    os.system("tool " + arg)\n\nquiet("version")\n';
    expect(await hits(code)).toEqual([`${OS}:6`]);
  });

  it('summarises a local function per parameter: a cast drops the taint, a pass-through keeps it', async () => {
    const code = 'import os\nfrom flask import request\n\ndef num(v):\n    return int(v)\n\ndef same(v):\n    return v.strip()\n\ndef view():\n    os.system("seq %s" % num(request.args["n"]))\n    os.system("seq %s" % same(request.args["n"]))\n';
    expect(await hits(code)).toEqual([`${OS}:12`]);
  });

  it('terminates on recursion and mutual recursion, taking the conservative answer', async () => {
    const code = 'import os\nfrom flask import request\n\ndef a(x):\n    return b(x) if x else x\n\ndef b(y):\n    return a(y)\n\ndef loop(z):\n    os.system("echo " + z)\n    return loop(z)\n\ndef view():\n    os.system("echo " + a(request.args["q"]))\n    loop(request.args["q"])\n';
    expect(await hits(code)).toEqual([`${OS}:11`, `${OS}:15`]);
  });

  it('treats framework handler parameters as request data and other parameters as clean', async () => {
    expect(await hits('import os\n\n@app.route("/x/<name>")\ndef x(name):\n    os.system("ls " + name)\n\ndef helper(name):\n    os.system("ls " + name)\n')).toEqual([`${OS}:5`]);
    expect(await hits('import os\n\ndef lambda_handler(event, context):\n    os.system("ls " + event["dir"])\n\ndef on_click(event):\n    os.system("ls " + event["dir"])\n')).toEqual([`${OS}:4`]);
  });
});

describe('imports inside functions', () => {
  it('resolve aliases the same way as top-level ones, in Python and JavaScript', async () => {
    expect(await hits('from flask import request\n\ndef view():\n    import subprocess as sp\n    sp.call("ls " + request.args["d"], shell=True)\n')).toEqual(['sast.py-shell-injection:5']);
    expect(await hits("app.get('/', (req, res) => {\n  const cp = require('child_process');\n  cp.exec('ls ' + req.query.d);\n});\n", 'javascript')).toEqual(['sast.js-exec-injection:3']);
  });
});
