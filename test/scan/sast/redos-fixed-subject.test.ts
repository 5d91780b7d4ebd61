import { describe, expect, it } from 'vitest';
import { scanSource } from '../../../src/scan/sast/engine.js';
import { SAST_RULES } from '../../../src/scan/sast/rules/index.js';

/** Our own snippets: a nested-quantifier pattern matched against request data, and against fixed text only. */
async function redos(code: string): Promise<number[]> {
  const r = await scanSource(code, 'python', 't.py', SAST_RULES);
  return r.findings.filter((f) => f.ruleId === 'sast.redos').map((f) => (f.location as { line: number }).line);
}

const check = (subject: string, bound = 20) => `import re
from flask import request

def check():
    name = request.args.get("name", "")
    limit = 10
    if limit * 3 > ${bound}:
        name = "fixed_name"
    ${subject}
    return "ok" if re.match(r"^(\\w+\\s?)*$", value) else "no"
`;

describe('ReDoS patterns by what they are matched against', () => {
  it('reports a nested quantifier matched against request data or an unknown value', async () => {
    expect(await redos(check('value = request.args.get("q", "")'))).toEqual([10]);
    // 10 * 3 > 40 never holds: name keeps the request's value.
    expect(await redos(check('value = name', 40))).toEqual([10]);
    expect(await redos(`import re\n\ndef valid(s):\n    return re.match(r"^(a+)+$", s) is not None\n`)).toEqual([4]);
    expect(await redos(`import re\n\ndef clean(s):\n    return re.sub(r"(a+)+$", "", s)\n`)).toEqual([4]);
  });

  it('does not report one matched only against fixed text', async () => {
    expect(await redos(check('value = "abc"'))).toEqual([]);
    // Every live branch leaves name a constant (the request branch is dead: 10 * 3 > 20 always holds).
    expect(await redos(check('value = name'))).toEqual([]);
    expect(await redos(`import re\n\ndef clean():\n    return re.sub(r"(a+)+$", "", "aaa")\n`)).toEqual([]);
  });
});
