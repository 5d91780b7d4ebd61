import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanSource } from '../../../src/scan/sast/engine.js';
import { SAST_RULES } from '../../../src/scan/sast/rules/index.js';
import { scanSast } from '../../../src/scan/sast/scan.js';
import { tmpDir } from '../../helpers/cli.js';

/**
 * Shapes measured on intentionally vulnerable applications (bench/sast-vulnapps.mjs), written afresh here: each
 * has a vulnerable twin and a safe one, so a test fails whether the engine misses the flow or over-reports.
 */
async function hits(code: string, lang: 'python' | 'javascript' | 'typescript' = 'javascript'): Promise<string[]> {
  const r = await scanSource(code, lang, lang === 'python' ? 't.py' : 't.js', SAST_RULES);
  return r.findings.map((f) => `${f.ruleId}:${(f.location as { line: number }).line}`);
}

describe('GraphQL resolver arguments are request data', () => {
  const schema = (def: string, body: string) =>
    `import os\nimport graphene\n\nclass Query(graphene.ObjectType):\n  ${def}\n    ${body}\n`;

  it('reports a command built from an argument of resolve_<field> and of mutate', async () => {
    expect(await hits(schema('def resolve_ping(self, info, host):', 'return os.popen("ping -c 1 " + host).read()'), 'python')).toEqual(['sast.py-os-system:6']);
    expect(await hits(schema('def mutate(self, info, host, port=443):', 'return os.popen(f"curl {host}:{port}").read()'), 'python')).toEqual(['sast.py-os-system:6']);
  });

  it('leaves a resolver that runs a fixed command, and methods that are not resolvers, quiet', async () => {
    expect(await hits(schema('def resolve_load(self, info, host):', 'return os.popen("uptime").read()'), 'python')).toEqual([]);
    expect(await hits(schema('def ping(self, info, host):', 'return os.popen("ping -c 1 " + host).read()'), 'python')).toEqual([]);
    // `info` must be the resolver's context parameter (first or second), not any parameter of that name.
    expect(await hits(schema('def resolve_ping(self, a, b, info, host):', 'return os.popen("ping -c 1 " + host).read()'), 'python')).toEqual([]);
  });
});

describe('NoSQL selectors', () => {
  const route = (body: string) => `app.post('/r', async (req, res) => {\n${body}\n  res.json({});\n});\n`;

  it('does not take the values of an ORM instance update(values) for a selector', async () => {
    expect(await hits(route('  const user = await User.findByPk(1);\n  await user.update({ profileImage: req.body.url });'))).toEqual([]);
    // MongoDB's update(selector, update) still is one.
    expect(await hits(route('  await db.users.update({ name: req.body.name }, { $set: { seen: true } });'))).toEqual(['sast.nosql-injection:2']);
  });

  it('honours a typeof string check that leaves the handler before the query', async () => {
    const guarded = (check: string) => route(`  if (${check}) {\n    return res.status(400).send();\n  }\n  await db.collection('reviews').update({ _id: req.body.id }, { $set: { message: req.body.message } });`);
    expect(await hits(guarded("typeof req.body.id !== 'string'"))).toEqual([]);
    expect(await hits(guarded("typeof req.body.id !== 'string' || req.body.id.length > 40"))).toEqual([]);
    // A check of another value, or one joined with && (which can be false while id is an object), does not count.
    expect(await hits(guarded("typeof req.body.name !== 'string'"))).toEqual(['sast.nosql-injection:5']);
    expect(await hits(guarded("typeof req.body.id !== 'string' && req.body.strict"))).toEqual(['sast.nosql-injection:5']);
    expect(await hits(route("  await db.collection('reviews').update({ _id: req.body.id }, { $set: { message: 'x' } });"))).toEqual(['sast.nosql-injection:2']);
  });

  it('honours a query made inside if (typeof x === "string")', async () => {
    expect(await hits(route("  const id = req.query.id;\n  if (typeof id === 'string') {\n    await db.orders.findOne({ id });\n  }"))).toEqual([]);
    expect(await hits(route("  const id = req.query.id;\n  if (id) {\n    await db.orders.findOne({ id });\n  }"))).toEqual(['sast.nosql-injection:4']);
  });
});

describe('archive entries (zip slip)', () => {
  const unzip = (target: string) =>
    `const fs = require('fs');\nconst unzipper = require('unzipper');\nfs.createReadStream('upload.zip').pipe(unzipper.Parse()).on('entry', function (entry) {\n  entry.pipe(fs.createWriteStream(${target}));\n});\n`;

  it('reports a file written under the name an archive entry carries', async () => {
    expect(await hits(unzip("'uploads/' + entry.path"))).toEqual(['sast.path-traversal:4']);
  });

  it('leaves a fixed or basename-reduced name, and other event listeners, quiet', async () => {
    expect(await hits(unzip("'uploads/latest.bin'"))).toEqual([]);
    expect(await hits(unzip("'uploads/' + require('path').basename(entry.path)"))).toEqual([]);
    expect(await hits(unzip("'uploads/' + entry.path").replace("'entry'", "'close'"))).toEqual([]);
  });
});

describe('cross-file findings name the callers of the function that holds the sink', () => {
  it('lists every call site of that function, and only those', async () => {
    const dir = tmpDir('gonogo-vulnapp-');
    mkdirSync(path.join(dir, 'core'));
    writeFileSync(path.join(dir, 'core/__init__.py'), '');
    writeFileSync(path.join(dir, 'core/helpers.py'), 'import os\n\ndef save(name, text):\n    open("/srv/" + name, "w").write(text)\n\ndef run(cmd):\n    return os.popen(cmd).read()\n');
    writeFileSync(
      path.join(dir, 'core/views.py'),
      'from flask import request\nfrom core import helpers\n\n@app.route("/a")\ndef a():\n    return helpers.run(request.args["c"])\n\n@app.route("/b")\ndef b():\n    helpers.save(request.args["n"], "x")\n    return helpers.run(request.args["d"])\n',
    );
    const r = await scanSast(dir);
    const byRule = new Map(r.findings.map((f) => [f.ruleId, f.message]));
    expect([...byRule.keys()].sort()).toEqual(['sast.path-traversal', 'sast.py-os-system']);
    expect(byRule.get('sast.py-os-system')).toMatch(/passed in from core\/views\.py:6, core\/views\.py:11\)$/);
    expect(byRule.get('sast.path-traversal')).toMatch(/passed in from core\/views\.py:10\)$/);
  });
});

describe('HTML from an auto-escaping template engine', () => {
  const view = (body: string) =>
    `from django.http import HttpResponse\nfrom django.template.loader import render_to_string\n\ndef signup(request):\n    name = request.POST["name"]\n    ${body}\n`;

  it('does not report a response made of render_to_string output', async () => {
    expect(await hits(view('return HttpResponse(render_to_string("ok.html", {"name": name}))'), 'python')).toEqual([]);
  });

  it('still reports request data pasted into the HTML around it', async () => {
    expect(await hits(view('return HttpResponse(render_to_string("ok.html", {}) + name)'), 'python')).toEqual(['sast.reflected-xss:6']);
    expect(await hits(view('return HttpResponse("<h1>" + name + "</h1>")'), 'python')).toEqual(['sast.reflected-xss:6']);
  });
});
