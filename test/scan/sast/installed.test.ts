import { describe, expect, it } from 'vitest';
import { installedBelow, readInstalled } from '../../../src/scan/sast/installed.js';
import { scanSast } from '../../../src/scan/sast/scan.js';
import { tmpTree } from '../../helpers/cli.js';

const project = (files: Record<string, string>): string => tmpTree(files, 'gonogo-installed-');

async function ruleLines(files: Record<string, string>, rule: string): Promise<string[]> {
  const r = await scanSast(project(files));
  return r.findings.filter((f) => f.ruleId === rule).map((f) => `${(f.location as { file: string }).file}:${(f.location as { line: number }).line}`);
}

const PY_DECODE = 'import jwt\n\ndef user(token, key):\n    return jwt.decode(token, key)\n';
const JS_VERIFY = "const jwt = require('jsonwebtoken');\nmodule.exports = (token, key, cb) => jwt.verify(token, key, (err, claims) => cb(err, claims));\n";
const FLASK_BACK = 'from flask import redirect, request\n\n@app.route("/p/<x>")\ndef p(x):\n    return redirect(request.path + "?failed")\n';

describe('library majors from the dependency files (installed.ts)', () => {
  it('reads exact pins, upper bounds and lockfiles, and says nothing about packages no file names', async () => {
    const dir = project({
      'requirements.txt': 'PyJWT==1.7.1\nWerkzeug<3.0\nflask~=2.2\nrequests>=2\n',
      'svc/requirements-dev.txt': 'werkzeug<3.0.1\n',
      'web/package.json': JSON.stringify({ dependencies: { jsonwebtoken: '^8.5.1', 'express-jwt': '>=5', lodash: 'latest' } }),
      'node_modules/jsonwebtoken/package.json': JSON.stringify({ dependencies: { jws: '^1.0.0' } }),
    });
    const inst = await readInstalled(dir);
    expect(installedBelow(inst, 'PyPI', 'pyjwt', 2)).toBe(true);
    expect(installedBelow(inst, 'PyPI', 'PyJWT', 1)).toBe(false);
    expect(installedBelow(inst, 'PyPI', 'werkzeug', 3)).toBe(true); // <3.0 -> 2.x (the <3.0.1 file allows 3.0.0)
    expect(installedBelow(inst, 'PyPI', 'flask', 3)).toBe(true);
    expect(installedBelow(inst, 'PyPI', 'requests', 3)).toBe(false); // a lower bound caps nothing
    expect(installedBelow(inst, 'npm', 'jsonwebtoken', 9)).toBe(true);
    expect(installedBelow(inst, 'npm', 'express-jwt', 6)).toBe(false);
    expect(installedBelow(inst, 'npm', 'jws', 2)).toBe(false); // node_modules is not the project's own list
    expect(installedBelow(inst, 'PyPI', 'django', 99)).toBe(false);
  });

  it('reports PyJWT decode without algorithms only where the project pins PyJWT 1.x', async () => {
    expect(await ruleLines({ 'app/auth.py': PY_DECODE, 'requirements.txt': 'pyjwt==1.7.1\n' }, 'sast.jwt-missing-algorithms')).toEqual(['app/auth.py:4']);
    expect(await ruleLines({ 'app/auth.py': PY_DECODE, 'Pipfile.lock': JSON.stringify({ default: { pyjwt: { version: '==1.5.3' } }, develop: {} }) }, 'sast.jwt-missing-algorithms')).toEqual(['app/auth.py:4']);
    expect(await ruleLines({ 'app/auth.py': PY_DECODE, 'requirements.txt': 'pyjwt==2.8.0\n' }, 'sast.jwt-missing-algorithms')).toEqual([]);
    expect(await ruleLines({ 'app/auth.py': PY_DECODE }, 'sast.jwt-missing-algorithms')).toEqual([]);
  });

  it('reports jsonwebtoken verify without algorithms only on jsonwebtoken < 9 (package-lock or package.json)', async () => {
    const lock = (v: string) => JSON.stringify({ name: 'a', lockfileVersion: 3, packages: { '': { dependencies: { jsonwebtoken: v } }, 'node_modules/jsonwebtoken': { version: v } } });
    expect(await ruleLines({ 'src/auth.js': JS_VERIFY, 'package-lock.json': lock('8.5.1') }, 'sast.jwt-missing-algorithms')).toEqual(['src/auth.js:2']);
    expect(await ruleLines({ 'src/auth.js': JS_VERIFY, 'package-lock.json': lock('9.0.2') }, 'sast.jwt-missing-algorithms')).toEqual([]);
    // jsonwebtoken 8 nested under another package is that package's copy; the code calls the project's 9.
    const nested = { name: 'a', lockfileVersion: 3, packages: { '': { dependencies: { jsonwebtoken: '9.0.2', 'old-auth': '1.0.0' } }, 'node_modules/jsonwebtoken': { version: '9.0.2' }, 'node_modules/old-auth': { version: '1.0.0', dependencies: { jsonwebtoken: '^8' } }, 'node_modules/old-auth/node_modules/jsonwebtoken': { version: '8.5.1' } } };
    expect(await ruleLines({ 'src/auth.js': JS_VERIFY, 'package-lock.json': JSON.stringify(nested) }, 'sast.jwt-missing-algorithms')).toEqual([]);
    expect(await ruleLines({ 'src/auth.js': JS_VERIFY, 'package.json': JSON.stringify({ dependencies: { jsonwebtoken: '~8.2.0' } }) }, 'sast.jwt-missing-algorithms')).toEqual(['src/auth.js:2']);
  });

  it('reports a Flask redirect to request.path only where Werkzeug < 3 keeps a backslash in the Location', async () => {
    expect(await ruleLines({ 'views.py': FLASK_BACK, 'requirements.txt': 'werkzeug==2.3.8\n' }, 'sast.open-redirect')).toEqual(['views.py:5']);
    expect(await ruleLines({ 'views.py': FLASK_BACK, 'requirements.txt': 'werkzeug==3.1.3\n' }, 'sast.open-redirect')).toEqual([]);
    expect(await ruleLines({ 'views.py': FLASK_BACK }, 'sast.open-redirect')).toEqual([]);
  });
});
