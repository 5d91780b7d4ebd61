import { describe, expect, it } from 'vitest';
import { scanSource } from '../../../src/scan/sast/engine.js';
import type { Lang } from '../../../src/scan/sast/parser.js';
import { SAST_RULES } from '../../../src/scan/sast/rules/index.js';
import { isRedos } from '../../../src/scan/sast/rules/redos.js';

async function ids(code: string, lang: Lang = 'python', today?: string): Promise<string[]> {
  const r = await scanSource(code, lang, `t.${lang === 'python' ? 'py' : 'ts'}`, SAST_RULES, today);
  return r.findings.map((f) => f.ruleId);
}

const flask = (body: string) => `from flask import request\nimport os, subprocess, shlex, re\n\ndef view():\n${body.split('\n').map((l) => `    ${l}`).join('\n')}\n`;

describe('intra-procedural taint', () => {
  it('reports request data, not constants, at the same sink', async () => {
    expect(await ids(flask('os.system("ls " + request.args["d"])'))).toContain('sast.py-os-system');
    expect(await ids(flask('os.system("ls /tmp")'))).not.toContain('sast.py-os-system');
    expect(await ids(flask('d = "/tmp"\nos.system("ls " + d)'))).not.toContain('sast.py-os-system');
  });

  it('follows assignments, f-strings, % and .format, and destructuring', async () => {
    expect(await ids(flask('a = request.form.get("x")\nb = a\ncmd = f"ls {b}"\nos.system(cmd)'))).toContain('sast.py-os-system');
    expect(await ids(flask('a = request.form.get("x")\nos.system("ls %s" % a)'))).toContain('sast.py-os-system');
    expect(await ids(flask('a = request.form.get("x")\nos.system("ls {}".format(a))'))).toContain('sast.py-os-system');
    expect(await ids(flask('a, b = request.args.get("x"), "y"\nos.system("ls " + b)'))).not.toContain('sast.py-os-system');
    expect(await ids(`const { exec } = require('child_process');\napp.get('/', (req, res) => {\n  const { dir } = req.query;\n  exec(\`ls \${dir}\`);\n});\n`, 'javascript')).toContain('sast.js-exec-injection');
  });

  it('clears taint through sanitizers for the kinds they protect only', async () => {
    expect(await ids(flask('a = shlex.quote(request.args["d"])\nos.system("ls " + a)'))).not.toContain('sast.py-os-system');
    expect(await ids(flask('n = int(request.args["n"])\nos.system("seq %d" % n)'))).not.toContain('sast.py-os-system');
    // html.escape makes text safe for HTML, not for a shell.
    expect(await ids(flask('import html\na = html.escape(request.args["d"])\nos.system("ls " + a)'))).toContain('sast.py-os-system');
    expect(await ids(`const fs = require('fs');\nconst path = require('path');\nfunction h(req) {\n  return fs.readFileSync(path.join('/srv', path.basename(req.params.f)));\n}\n`, 'javascript')).toEqual([]);
  });

  it('treats parameterised queries as safe and concatenated ones as injection', async () => {
    expect(await ids(flask('cur.execute("SELECT * FROM t WHERE id = %s", (request.args["id"],))'))).not.toContain('sast.sql-injection');
    expect(await ids(flask('cur.execute("SELECT * FROM t WHERE id = %s" % request.args["id"])'))).toContain('sast.sql-injection');
  });

  it('prunes branches whose condition is a constant and merges the others', async () => {
    expect(await ids(flask('num = 86\nif (7 * 42) - num > 200:\n    bar = "safe"\nelse:\n    bar = request.args["x"]\nos.system(bar)'))).not.toContain('sast.py-os-system');
    expect(await ids(flask('bar = "safe"\nif request.args.get("flag"):\n    bar = request.args["x"]\nos.system(bar)'))).toContain('sast.py-os-system');
  });

  it('tracks constant dictionary keys and list positions', async () => {
    expect(await ids(flask('m = {}\nm["a"] = "ok"\nm["b"] = request.args["x"]\nos.system(m["a"])'))).not.toContain('sast.py-os-system');
    expect(await ids(flask('m = {}\nm["a"] = "ok"\nm["b"] = request.args["x"]\nos.system(m.get("b"))'))).toContain('sast.py-os-system');
    expect(await ids(flask('l = ["a", request.args["x"], "c"]\nl.pop(0)\nos.system(l[1])'))).not.toContain('sast.py-os-system');
    expect(await ids(flask('l = ["a", request.args["x"], "c"]\nl.pop(0)\nos.system(l[0])'))).toContain('sast.py-os-system');
  });

  it('treats a validation guard that returns early as a sanitizer', async () => {
    expect(await ids(flask('x = request.args["x"]\nif not x.isalnum():\n    return "bad"\nos.system("ls " + x)'))).not.toContain('sast.py-os-system');
    expect(await ids(flask('x = request.args["x"]\nif not x.isalnum():\n    print("bad")\nos.system("ls " + x)'))).toContain('sast.py-os-system');
  });

  it('does not mistake an HTTP client module named "request" for request data (JS)', async () => {
    expect(await ids(`const request = require('request');\nconst { exec } = require('child_process');\nexec('curl ' + request.get('x'));\n`, 'javascript')).toEqual([]);
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
    await expect(scanSource(deep, 'python', 'deep.py', SAST_RULES)).resolves.toBeDefined();
    const chain = `from flask import request\nimport os\na0 = request.args["x"]\n${Array.from({ length: 3000 }, (_, i) => `a${i + 1} = a${i} + "x"`).join('\n')}\nos.system(a3000)\n`;
    const r = await scanSource(chain, 'python', 'chain.py', SAST_RULES);
    expect(r).toBeDefined();
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
