import { describe, expect, it } from 'vitest';
import { scanSource } from '../../../src/scan/sast/engine.js';
import { SAST_RULES } from '../../../src/scan/sast/rules/index.js';

/**
 * Our own snippets: a copy of fixed text taken before the original is extended with request data. Python text is
 * immutable, so `text += name` rebinds `text` and the copy keeps the fixed value; rules that report a sink whatever
 * it reads unless the value is fixed text (an unsafe yaml loader, a ReDoS pattern) must see that.
 */
async function lines(code: string, ruleId: string): Promise<number[]> {
  const r = await scanSource(code, 'python', 't.py', SAST_RULES);
  return r.findings.filter((f) => f.ruleId === ruleId).map((f) => (f.location as { line: number }).line);
}
const yamlLoad = (code: string) => lines(code, 'sast.py-yaml-load');
const redos = (code: string) => lines(code, 'sast.redos');

const settings = (body: string) => `import yaml
from flask import request

def load_settings():
    name = request.args.get("name", "")
    text = "defaults: "
${body}
    return yaml.load(snapshot, Loader=yaml.Loader)
`;

describe('a copy of fixed text taken before the original grows', () => {
  it('stays fixed when the original is extended with request data afterwards', async () => {
    expect(await yamlLoad(settings('    snapshot = text\n    text += name\n    snapshot += "on"'))).toEqual([]);
    // A plain reassignment of the original after the copy changes nothing either.
    expect(await yamlLoad(settings('    snapshot = text\n    text = name'))).toEqual([]);
    // Through a second copy.
    expect(await yamlLoad(settings('    first = text\n    text += name\n    snapshot = first + "x"'))).toEqual([]);
  });

  it('is request data when the copy is taken after, or the copy itself grows with it', async () => {
    expect(await yamlLoad(settings('    text += name\n    snapshot = text'))).toEqual([9]);
    expect(await yamlLoad(settings('    snapshot = text\n    snapshot += name'))).toEqual([9]);
    expect(await yamlLoad(settings('    snapshot = text\n    if name:\n        snapshot = name'))).toEqual([10]);
  });

  it('is request data when a loop brings the later write back round to the read', async () => {
    const loop = (end: string) => `import yaml
from flask import request

def load_all():
    name = request.args.get("name", "")
    text = "a: 1"
    for _ in range(3):
        yaml.load(text, Loader=yaml.Loader)
${end}
`;
    expect(await yamlLoad(loop('        text += name'))).toEqual([8]);
    expect(await yamlLoad(loop('        print(name)'))).toEqual([]);
    // The same write after the loop cannot reach the read.
    expect(await yamlLoad(loop('    text += name'))).toEqual([]);
  });

  it('applies to a ReDoS subject the same way', async () => {
    const code = (after: string) => `import re
from flask import request

def check():
    word = request.args.get("w", "")
    label = "abc"
    subject = label
    label += word
${after}
    return re.match(r"^(a+)+$", subject) is not None
`;
    expect(await redos(code(''))).toEqual([]);
    expect(await redos(code('    subject = label'))).toEqual([10]);
  });
});
