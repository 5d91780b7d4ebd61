import { describe, expect, it } from 'vitest';
import { scanSource } from '../../../src/scan/sast/engine.js';
import { SAST_RULES } from '../../../src/scan/sast/rules/index.js';

/** Guard shapes written by us (not copied from any benchmark): a vulnerable twin and a safe one for each. */
async function hits(code: string): Promise<string[]> {
  const r = await scanSource(code, 'python', 't.py', SAST_RULES);
  return r.findings.map((f) => `${f.ruleId}:${(f.location as { line: number }).line}`);
}

/** A Flask view that looks a user up in an XML file; `guard` goes between the read and the query (line 9 on). */
const lookup = (guard: string) => `from flask import request, abort
from lxml import etree

@app.route("/user")
def user():
    uid = request.args.get("uid", "")
    tree = etree.parse("users.xml")
    ${guard}
    found = tree.xpath(f"//user[@id='{uid}']")
    return str(len(found))
`;
const XPATH = 'sast.xpath-injection:9';

describe('an apostrophe check before an XPath query', () => {
  it('keeps reporting the query when nothing rejects an apostrophe', async () => {
    expect(await hits(lookup('pass'))).toContain(XPATH);
    // Rejecting something else (a parent-folder step) confines paths, not XPath literals.
    expect(await hits(lookup('if ".." in uid: abort(400)'))).toContain(XPATH);
    // A guard that does not leave (it only logs) cleans nothing.
    expect(await hits(lookup('if "\'" in uid: print("odd id")'))).toContain(XPATH);
  });

  it('takes a value that may not hold an apostrophe as unable to leave the quoted literal', async () => {
    expect(await hits(lookup('if "\'" in uid: abort(400)'))).not.toContain(XPATH);
    expect(await hits(lookup(`if not uid or '\\'' in uid: return "bad id"`))).not.toContain(XPATH);
  });
});
