import { describe, expect, it } from 'vitest';
import { scanSource } from '../../../src/scan/sast/engine.js';
import { SAST_RULES } from '../../../src/scan/sast/rules/index.js';

/**
 * Our own snippets: an object made from a class of the same file, handed the whole request. A method of that class
 * whose every return is a literal gives back fixed text; any other method still gives back request data.
 */
async function pathFindings(code: string): Promise<number[]> {
  const r = await scanSource(code, 'python', 't.py', SAST_RULES);
  return r.findings.filter((f) => f.ruleId === 'sast.path-traversal').map((f) => (f.location as { line: number }).line);
}

const app = (read: string) => `import os
from flask import request

class Incoming:
    def __init__(self, req):
        self.req = req

    def default_name(self, key):
        if key == "report":
            return "report.txt"
        return "index.txt"

    def name(self, key):
        return self.req.args.get(key, "")

def download():
    box = Incoming(request)
    return open(os.path.join("/srv/files", ${read})).read()
`;

describe('a method of a local class whose every return is a literal', () => {
  it('gives back fixed text even when the object holds the request', async () => {
    expect(await pathFindings(app('box.default_name("report")'))).toEqual([]);
  });

  it('does not clear the other methods, or a method some return of which is not a literal', async () => {
    expect(await pathFindings(app('box.name("file")'))).toEqual([18]);
    expect(await pathFindings(app('box.default_name(request.args["k"])').replace('return "index.txt"', 'return key'))).toEqual([18]);
    // The method's summary follows what it returns: handed a literal, `return key` gives back that literal.
    expect(await pathFindings(app('box.default_name("report")').replace('return "index.txt"', 'return key'))).toEqual([]);
    // A method of that name on an object of another (unknown) class is not looked up.
    expect(await pathFindings(app('box.default_name("report")').replace('box = Incoming(request)', 'box = helpers.Incoming(request)'))).toEqual([18]);
  });
});
