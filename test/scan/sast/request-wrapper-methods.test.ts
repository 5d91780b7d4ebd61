import { describe, expect, it } from 'vitest';
import { scanSource } from '../../../src/scan/sast/engine.js';
import { SAST_RULES } from '../../../src/scan/sast/rules/index.js';

/**
 * Our own snippets (Python): the whole request object handed to code that gives request data back - a local
 * function, a class of the same file (its methods summarised with `self` = the receiver), a helper from another
 * module whose accessors say whether they return a cleaned value - and text gathered in an io.StringIO buffer.
 */
async function lines(code: string, rule: string): Promise<number[]> {
  const r = await scanSource(code, 'python', 't.py', SAST_RULES);
  return r.findings.filter((f) => f.ruleId === rule).map((f) => (f.location as { line: number }).line);
}
const paths = (code: string) => lines(code, 'sast.path-traversal');

const localClass = (use: string) => `import os
from flask import request

class Incoming:
    def __init__(self, req):
        self.req = req

    def raw(self, key):
        return self.req.args.get(key, "")

    def fixed(self, key):
        return "index.txt"

    def echo(self, value):
        return value

def wrap(r):
    return Incoming(r)

def download():
${use}
`;

describe('methods of a class defined in the same file', () => {
  it('give back request data when the method returns what the receiver holds', async () => {
    expect(await paths(localClass('    return open(os.path.join("/srv", wrap(request).raw("f"))).read()'))).toEqual([21]);
    expect(await paths(localClass('    return open(os.path.join("/srv", Incoming(request).raw("f"))).read()'))).toEqual([21]);
    expect(await paths(localClass('    box = wrap(request)\n    return open(os.path.join("/srv", box.raw("f"))).read()'))).toEqual([22]);
    // An argument passes through the method's summary too.
    expect(await paths(localClass('    box = Incoming(None)\n    return open(os.path.join("/srv", box.echo(request.args["f"]))).read()'))).toEqual([22]);
  });

  it('give back nothing of the request when the method returns a literal or its own literal argument', async () => {
    expect(await paths(localClass('    return open(os.path.join("/srv", wrap(request).fixed("f"))).read()'))).toEqual([]);
    expect(await paths(localClass('    box = wrap(request)\n    return open(os.path.join("/srv", box.fixed("f"))).read()'))).toEqual([]);
    expect(await paths(localClass('    box = Incoming(request)\n    return open(os.path.join("/srv", box.echo("a.txt"))).read()'))).toEqual([]);
  });
});

describe('the whole request object handed to a local function', () => {
  it('gives back the request data the function reads from it', async () => {
    const code = `import os\nfrom flask import request\n\ndef pick(r):\n    return r.args.get("f", "")\n\ndef download():\n    return open(os.path.join("/srv", pick(request))).read()\n`;
    expect(await paths(code)).toEqual([8]);
    expect(await paths(code.replace('return r.args.get("f", "")', 'return "index.txt" if r.args else "a.txt"'))).toEqual([]);
  });

  it('gives back only what is read from it under a source name, as the request object itself would', async () => {
    const page = (read: string) => `from flask import request, make_response

def part(r):
    return ${read}

def show():
    return make_response("<p>" + part(request) + "</p>")
`;
    expect(await lines(page('r.get_json()["name"]'), 'sast.reflected-xss')).toEqual([7]);
    expect(await lines(page('r.method'), 'sast.reflected-xss')).toEqual([]);
  });
});

const helper = (use: string) => `import os
import helpers.web
from flask import request

def download():
    scr = helpers.web.request_wrapper(request)
    name = scr.${use}
    return open(os.path.join("/srv", name)).read()
`;

describe('accessors of a request wrapper from another module', () => {
  it('give back request data unless their name says the value was made safe', async () => {
    expect(await paths(helper('get_query_parameter("f")'))).toEqual([8]);
    expect(await paths(helper('form("f")'))).toEqual([8]);
    expect(await paths(helper('get_safe_value("f")'))).toEqual([]);
    expect(await paths(helper('sanitized_input("f")'))).toEqual([]);
  });

  it('count only on an object made from the request: a safe-named call on request data itself is not a sanitiser', async () => {
    const code = `import os\nimport helpers.web\nfrom flask import request\n\ndef download():\n    name = helpers.web.get_safe_value(request.args.get("f"))\n    return open(os.path.join("/srv", name)).read()\n`;
    expect(await paths(code)).toEqual([7]);
    // A class of this file is judged by its own method, whatever the name says.
    expect(await paths(localClass('    box = Incoming(request)\n    return open(os.path.join("/srv", box.raw("f"))).read()').replace(/raw/g, 'get_safe_value'))).toEqual([22]);
  });
});

const buffer = (second: string) => `import io
from lxml import etree
from flask import request

def lookup(tree):
    buf = io.StringIO()
    buf.write("//user[@name='")
    buf.write(${second})
    buf.write("']")
    return tree.xpath(buf.getvalue())
`;

describe('text gathered in an io.StringIO buffer', () => {
  it('carries what was written into it to getvalue()', async () => {
    expect(await lines(buffer('request.args.get("name", "")'), 'sast.xpath-injection')).toEqual([10]);
  });

  it('is fixed text when only literals were written', async () => {
    expect(await lines(buffer('"admin"'), 'sast.xpath-injection')).toEqual([]);
  });
});

describe('predictable random numbers from the distribution functions', () => {
  const cookie = (call: string) => `import random\nfrom flask import make_response\n\ndef remember():\n    value = str(${call})[2:]\n    resp = make_response("ok")\n    resp.set_cookie("rememberMe", value)\n    return resp\n`;
  it('are reported when they feed a cookie', async () => {
    expect(await lines(cookie('random.normalvariate()'), 'sast.insecure-random')).toEqual([5]);
    expect(await lines(cookie('random.gauss(0, 1)'), 'sast.insecure-random')).toEqual([5]);
  });

  it('are not reported from the system generator', async () => {
    expect(await lines(cookie('random.SystemRandom().normalvariate()'), 'sast.insecure-random')).toEqual([]);
  });
});
