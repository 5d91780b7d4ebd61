import { describe, expect, it } from 'vitest';
import { scanSource } from '../../../src/scan/sast/engine.js';
import { SAST_RULES } from '../../../src/scan/sast/rules/index.js';

/** Our own snippets: a nested-quantifier pattern compiled once, then matched against request data or fixed text. */
async function findings(code: string, ruleId: string): Promise<number[]> {
  const r = await scanSource(code, 'python', 't.py', SAST_RULES);
  return r.findings.filter((f) => f.ruleId === ruleId).map((f) => (f.location as { line: number }).line);
}
const redos = (code: string) => findings(code, 'sast.redos');

const compiled = (setup: string, use: string) => `import re
from flask import request

@app.route("/shop/items/<int:n>")
def item(n):
    word = request.args.get("w", "")
${setup}
    rx = re.compile(r"^(\\w+\\s?)*$")
    ${use}
    return "ok"
`;

describe('a compiled ReDoS pattern, judged by what it is matched against', () => {
  it('reports it when any use matches request data, a parameter, or it leaves the function', async () => {
    expect(await redos(compiled('', 'rx.match(word)'))).toEqual([8]);
    expect(await redos(compiled('', 'rx.search("abc") or rx.fullmatch(word)'))).toEqual([8]);
    expect(await redos(compiled('', 'rx.sub("", word)'))).toEqual([8]);
    // The object leaves the function: its later subjects are unknown.
    expect(await redos(compiled('', 'keep(rx)'))).toEqual([8]);
    // Compiled but not matched here at all.
    expect(await redos(compiled('', 'pass'))).toEqual([8]);
    // A module-level pattern used in a function on its parameter.
    expect(await redos(`import re\nRX = re.compile(r"^(a+)+$")\n\ndef ok(s):\n    return RX.match("aaa") or RX.match(s)\n`)).toEqual([2]);
  });

  it('does not report it when every use in the function matches fixed text', async () => {
    expect(await redos(compiled('', 'rx.match("hello world")'))).toEqual([]);
    expect(await redos(compiled('    label = "fixed"', 'rx.search(label) and rx.sub("-", "a b")'))).toEqual([]);
    // request.path's first segment is fixed by the route rule ("shop").
    expect(await redos(compiled('    part = request.path.split("/")[1]', 'rx.match(part)'))).toEqual([]);
  });
});

const keyed = (read: string, extra = '') => `import re
from flask import request

def check():
    value = request.args.get("v", "")
    box = {}
    box["a"] = "constant"
    box["b"] = value
${extra}
    subject = ${read}
    return re.match(r"^(a+)+$", subject) is not None
`;

describe('fixed text read from a dictionary by a constant key', () => {
  it('is request data when that key holds it, or something else may have added to the dictionary', async () => {
    expect(await redos(keyed('box["b"]'))).toEqual([11]);
    expect(await redos(keyed('box["a"]', '    box.update(request.args)'))).toEqual([11]);
    expect(await redos(keyed('box["a"]', '    box[value] = value'))).toEqual([11]);
    expect(await redos(keyed('box["a"]', '    if value:\n        box["a"] = value'))).toEqual([12]);
    // A key never written is not known to be fixed.
    expect(await redos(keyed('box["c"]'))).toEqual([11]);
  });

  it('is fixed when the key was last set to fixed text, whatever the other keys hold', async () => {
    expect(await redos(keyed('box["a"]'))).toEqual([]);
    expect(await redos(keyed('box["b"]', '    box["b"] = "reset"'))).toEqual([]);
    expect(await redos(keyed('box["a"]', '    box["c"] = value'))).toEqual([]);
  });

  it('also lets an unsafe yaml loader read such a value', async () => {
    const y = (read: string) => `import yaml\nfrom flask import request\n\ndef load():\n    d = {"doc": "a: 1"}\n    d["user"] = request.data\n    return yaml.load(${read}, Loader=yaml.Loader)\n`;
    expect(await findings(y('d["doc"]'), 'sast.py-yaml-load')).toEqual([]);
    expect((await findings(y('d["user"]'), 'sast.py-yaml-load')).length).toBe(1);
  });
});
