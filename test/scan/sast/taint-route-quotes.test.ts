import { describe, expect, it } from 'vitest';
import { scanSource } from '../../../src/scan/sast/engine.js';
import { SAST_RULES } from '../../../src/scan/sast/rules/index.js';

/** Shapes written afresh here, each with a vulnerable and a safe twin: fixed route segments, quote-escaped XPath values. */
async function rules(code: string): Promise<string[]> {
  const r = await scanSource(code, 'python', 't.py', SAST_RULES);
  return r.findings.map((f) => f.ruleId);
}

const shop = (decorators: string, index: string) => `import sqlite3
from flask import Flask, request
app = Flask(__name__)

${decorators}
def item():
    parts = request.path.split("/")
    section = parts[${index}]
    if not section:
        section = ""
    db = sqlite3.connect("shop.db")
    return str(db.execute("SELECT * FROM items WHERE section = '" + section + "'").fetchall())
`;

describe('request.path segments fixed by the route', () => {
  it('takes a literal segment of every route rule as fixed text', async () => {
    expect(await rules(shop('@app.route("/shop/items/list")', '2'))).not.toContain('sast.sql-injection');
    expect(await rules(shop('@app.route("/shop/items/<kind>")\n@app.route("/shop/items/all")', '1'))).not.toContain('sast.sql-injection');
    expect(await rules(shop('@app.route("/shop/items/list")', '-1'))).not.toContain('sast.sql-injection');
  });

  it('still reports a segment a converter fills, an index past the rule and a handler without a literal route', async () => {
    expect(await rules(shop('@app.route("/shop/items/<kind>")', '3'))).toContain('sast.sql-injection');
    expect(await rules(shop('@app.route("/shop/<path:rest>")', '-1'))).toContain('sast.sql-injection');
    expect(await rules(shop('@app.route("/shop")', '5'))).toContain('sast.sql-injection');
    expect(await rules(shop('@app.route(PREFIX + "/items")', '1'))).toContain('sast.sql-injection');
    expect(await rules(shop('@login_required', '1'))).toContain('sast.sql-injection');
  });

  it('reads the segment straight off the split too', async () => {
    const direct = (rule: string) => shop(`@app.route("${rule}")`, '1').replace('parts[1]', 'request.path.split("/")[1]');
    expect(await rules(direct('/shop/items'))).not.toContain('sast.sql-injection');
    expect(await rules(direct('/<shop>/items'))).toContain('sast.sql-injection');
  });
});

const staff = (replace: string) => `from flask import request
from lxml import etree

@app.route("/staff")
def staff():
    name = request.args.get("name", "")
    tree = etree.parse("staff.xml")
    query = "//person[@name='" + name${replace} + "']"
    return str(tree.xpath(query))
`;

describe('quote escaping before an XPath query', () => {
  it('clears XPath taint when the quote is replaced by text without it', async () => {
    expect(await rules(staff(`.replace("'", "&apos;")`))).not.toContain('sast.xpath-injection');
    expect(await rules(staff(`.replace('"', "")`))).not.toContain('sast.xpath-injection');
    // The quote written as an escape, inside an f-string (Python 3.12 nests the same quotes).
    const fstring = staff('').replace(`"//person[@name='" + name + "']"`, "f'//person[@name=\\'{name.replace('\\'', '&apos;')}\\']'");
    expect(fstring).toContain("f'//person[@name=\\'{name.replace('\\'', '&apos;')}\\']'");
    expect(await rules(fstring)).not.toContain('sast.xpath-injection');
    expect(await rules(fstring.replace('&apos;', "\\'\\'"))).toContain('sast.xpath-injection');
  });

  it('still reports other replacements, and keeps other kinds of taint', async () => {
    expect(await rules(staff(''))).toContain('sast.xpath-injection');
    expect(await rules(staff(`.replace("<", "&lt;")`))).toContain('sast.xpath-injection');
    expect(await rules(staff(`.replace("'", "''")`))).toContain('sast.xpath-injection');
    const cmd = `import os\nfrom flask import request\n\n@app.route("/run")\ndef run():\n    os.system("ls " + request.args["d"].replace("'", ""))\n`;
    expect(await rules(cmd)).toContain('sast.py-os-system');
  });
});

const settings = (source: string) => `import yaml
from flask import Flask, request
app = Flask(__name__)

@app.route("/settings/load")
def load():
    doc = ${source}
    if not doc:
        doc = ""
    text = f"name: {doc}"
    return str(yaml.load(text, Loader=yaml.Loader))
`;

describe('an unsafe yaml loader reading fixed text', () => {
  it('leaves text that is fixed whatever the request (literals, a fixed route segment, through variables and f-strings)', async () => {
    expect(await rules(settings('"demo"'))).not.toContain('sast.py-yaml-load');
    expect(await rules(settings('request.path.split("/")[1]'))).not.toContain('sast.py-yaml-load');
    expect(await rules(settings('"a" if len(app.name) > 3 else "b"'))).not.toContain('sast.py-yaml-load');
  });

  it('still reports request data, file contents, parameters and a value that one branch makes variable', async () => {
    expect(await rules(settings('request.args.get("d")'))).toContain('sast.py-yaml-load');
    expect(await rules(settings('open("conf.yml").read()'))).toContain('sast.py-yaml-load');
    expect(await rules(settings('"demo"\n    if request.args:\n        doc = request.args["d"]'))).toContain('sast.py-yaml-load');
    const param = `import yaml\n\ndef parse(doc):\n    if not doc:\n        doc = "x: 1"\n    return yaml.load(doc, Loader=yaml.Loader)\n`;
    expect(await rules(param)).toContain('sast.py-yaml-load');
  });
});

const calc = (guard: string) => `from flask import request

@app.route("/echo")
def echo():
    expr = request.args.get("e", "")
${guard.split('\n').map((l) => `    ${l}`).join('\n')}
    return str(eval(expr))
`;

describe('eval of a value checked to be one quoted string literal', () => {
  it('clears code injection after a guard that leaves only a quoted literal', async () => {
    expect(await rules(calc(`if not expr.startswith("'") or not expr.endswith("'") or "'" in expr[1:-1]:\n    return "literal only"`))).not.toContain('sast.py-eval');
    expect(await rules(calc(`if not expr.startswith('"') or not expr.endswith('"') or '"' in expr[1:-1]:\n    return "literal only"`))).not.toContain('sast.py-eval');
  });

  it('still reports a guard that misses a part, checks another value or does not leave', async () => {
    expect(await rules(calc(''))).toContain('sast.py-eval');
    expect(await rules(calc(`if not expr.startswith("'") or not expr.endswith("'"):\n    return "literal only"`))).toContain('sast.py-eval');
    expect(await rules(calc(`if not expr.startswith("'") or not expr.endswith('"') or "'" in expr[1:-1]:\n    return "literal only"`))).toContain('sast.py-eval');
    expect(await rules(calc(`if not expr.startswith("'") or not expr.endswith("'") or "'" in expr[1:-1]:\n    print("literal only")`))).toContain('sast.py-eval');
    expect(await rules(calc(`other = expr\nif not other.startswith("'") or not other.endswith("'") or "'" in other[1:-1]:\n    return "literal only"`))).toContain('sast.py-eval');
  });
});
