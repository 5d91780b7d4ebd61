import { describe, expect, it } from 'vitest';
import { scanSource } from '../../../src/scan/sast/engine.js';
import { SAST_RULES } from '../../../src/scan/sast/rules/index.js';

/** Our own snippets: which session entry is written, and with what, when the request chooses either. */
async function trust(code: string, lang: 'python' | 'javascript' = 'python'): Promise<number[]> {
  const r = await scanSource(code, lang, lang === 'python' ? 't.py' : 't.js', SAST_RULES);
  return r.findings.filter((f) => f.ruleId === 'sast.trust-boundary').map((f) => (f.location as { line: number }).line);
}

const py = (key: string, value = '"on"') => `import flask
from flask import request, session

@app.route("/pref")
def pref():
    name = request.args.get("name", "")
    limit = 10
    chosen = "theme" if limit * 3 > 20 else name
    session[${key}] = ${value}
    return "ok"
`;

describe('session writes whose key the request chooses', () => {
  it('reports a request-chosen key even with a constant value (it can set any entry)', async () => {
    expect(await trust(py('name'))).toEqual([9]);
    expect(await trust(py('"pref_" + name'))).toEqual([9]);
    expect(await trust(py('name').replace('session[', 'flask.session['))).toEqual([9]);
    expect(await trust(`app.get('/p', (req, res) => {\n  req.session[req.query.k] = true;\n  res.end();\n});\n`, 'javascript')).toEqual([2]);
  });

  it('does not report a fixed key with a fixed value, or a key chosen only through a dead branch', async () => {
    expect(await trust(py('"theme"'))).toEqual([]);
    // 10 * 3 > 20 always holds: chosen is "theme".
    expect(await trust(py('chosen'))).toEqual([]);
    expect(await trust(py('"theme" if name == "dark" else "light"'))).toEqual([]);
    expect(await trust(`app.get('/p', (req, res) => {\n  req.session['theme'] = 'dark';\n  res.end();\n});\n`, 'javascript')).toEqual([]);
  });
});
