import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { moduleCandidates } from '../../../src/scan/sast/cross-file.js';
import { scanSast } from '../../../src/scan/sast/scan.js';
import { tmpDir } from '../../helpers/cli.js';

/** Write `files` (relative path -> text) under a fresh folder and scan it. */
async function scanProject(files: Record<string, string>): Promise<string[]> {
  const dir = tmpDir('gonogo-cross-');
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  const r = await scanSast(dir);
  return r.findings.map((f) => `${f.ruleId} ${(f.location as { file: string }).file}:${(f.location as { line: number }).line}`).sort();
}

const DB = 'import sqlite3\n\ndef run_query(term):\n    cur = sqlite3.connect("x.db").cursor()\n    cur.execute("SELECT * FROM t WHERE name = \'%s\'" % term)\n';

describe('taint across the files of a project', () => {
  it('reports a sink in an imported Python function that a route hands request data (absolute and relative imports)', async () => {
    const view = (arg: string) =>
      `from flask import request\nfrom app.helpers.db import run_query\nfrom .helpers import shell\n\n@app.route("/q")\ndef q():\n    run_query(${arg})\n    shell.ping(${arg})\n    return "ok"\n`;
    const files = (arg: string) => ({
      'app/__init__.py': '',
      'app/views.py': view(arg),
      'app/helpers/db.py': DB,
      'app/helpers/shell.py': 'import os\n\ndef ping(host):\n    os.system("ping -c 1 " + host)\n',
    });
    expect(await scanProject(files('request.args["q"]'))).toEqual(['sast.py-os-system app/helpers/shell.py:4', 'sast.sql-injection app/helpers/db.py:5']);
    expect(await scanProject(files('"users"'))).toEqual([]);
  });

  it('follows a JavaScript require of a relative module, and names the caller in the message', async () => {
    const dir = tmpDir('gonogo-cross-js-');
    mkdirSync(path.join(dir, 'web'));
    writeFileSync(path.join(dir, 'web/server.js'), "const { readLog } = require('./logs');\napp.get('/log', (req, res) => {\n  res.json({ log: readLog(req.query.name) });\n});\n");
    writeFileSync(path.join(dir, 'web/logs.js'), "const fs = require('fs');\nfunction readLog(name) {\n  return fs.readFileSync('/var/log/app/' + name, 'utf8');\n}\nmodule.exports = { readLog };\n");
    const r = await scanSast(dir);
    expect(r.findings.map((f) => `${f.ruleId} ${(f.location as { file: string }).file}:${(f.location as { line: number }).line}`)).toEqual(['sast.path-traversal web/logs.js:3']);
    expect(r.findings[0]!.message).toContain('passed in from web/server.js:3');
  });

  it('follows a chain of two files and leaves functions no caller taints quiet', async () => {
    const found = await scanProject({
      'api.py': 'from flask import request\nimport svc\n\n@app.route("/r")\ndef r():\n    svc.handle(request.args["x"])\n    svc.other("fixed")\n',
      'svc.py': 'import store\n\ndef handle(v):\n    store.save(v)\n\ndef other(v):\n    store.save(v)\n',
      'store.py': DB.replace('run_query', 'save'),
    });
    expect(found).toEqual(['sast.sql-injection store.py:5']);
  });
});

describe('module paths', () => {
  it('resolves Python dotted, relative and JavaScript relative module names to project files', () => {
    expect(moduleCandidates('app/views.py', 'app.helpers.db', 'py')).toContain('app/helpers/db.py');
    expect(moduleCandidates('app/views.py', '.helpers.shell', 'py')).toEqual(['app/helpers/shell.py', 'app/helpers/shell/__init__.py']);
    expect(moduleCandidates('app/sub/v.py', '..db', 'py')).toEqual(['app/db.py', 'app/db/__init__.py']);
    expect(moduleCandidates('web/server.js', './logs', 'js')).toContain('web/logs.js');
    expect(moduleCandidates('web/server.js', 'express', 'js')).toEqual([]);
  });
});
