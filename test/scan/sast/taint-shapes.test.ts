import { describe, expect, it } from 'vitest';
import { scanSource } from '../../../src/scan/sast/engine.js';
import { SAST_RULES } from '../../../src/scan/sast/rules/index.js';

/**
 * Shapes measured on OWASP's Benchmark for Python (bench/sast-benchmark.mjs), written afresh here: each case
 * has a vulnerable twin and a safe one, so a test fails whether the engine misses the flow or over-reports.
 */
async function hits(code: string): Promise<string[]> {
  const r = await scanSource(code, 'python', 't.py', SAST_RULES);
  return r.findings.map((f) => `${f.ruleId}:${(f.location as { line: number }).line}`);
}

/** A Flask view; body line n is file line 5 + n. */
const view = (body: string) =>
  `from flask import request, make_response, redirect\nimport os, pathlib, subprocess, configparser, urllib.parse\nimport helpers.web\n\n@app.route("/v", methods=["POST"])\ndef v():\n${body.split('\n').map((l) => `    ${l}`).join('\n')}\n`;
const at = (rule: string, bodyLine: number) => `${rule}:${6 + bodyLine}`;
const PATH = 'sast.path-traversal';
const CMD = 'sast.py-os-system';

describe('taint shapes from a labelled web benchmark', () => {
  it('reads configparser options back by section and option', async () => {
    const conf = (option: string) => `name = request.form.get("n")\nc = configparser.ConfigParser()\nc.add_section("s")\nc.set("s", "fixed", "logo.png")\nc.set("s", "user", name)\nfile = c.get("s", "${option}")\nopen(file)`;
    expect(await hits(view(conf('user')))).toEqual([at(PATH, 7)]);
    expect(await hits(view(conf('fixed')))).toEqual([]);
  });

  it('follows pathlib paths built with / and reports their file-system methods', async () => {
    expect(await hits(view('name = request.args["f"]\np = pathlib.Path("/srv") / name\nreturn p.read_text()'))).toEqual([at(PATH, 3)]);
    expect(await hits(view('p = pathlib.Path("/srv") / "logo.png"\nreturn p.read_text()'))).toEqual([]);
    // str methods of a tainted value are not file-system calls.
    expect(await hits(view('name = request.args["f"]\nname.replace("a", "b")\nreturn "ok"'))).toEqual([]);
  });

  it('reports existence checks on a request path (os.path.exists, Path.exists)', async () => {
    expect(await hits(view('f = "/srv/" + request.args["f"]\nif os.path.exists(f):\n    return "yes"'))).toEqual([at(PATH, 2)]);
    expect(await hits(view('f = "/srv/logo.png"\nif os.path.exists(f):\n    return "yes"'))).toEqual([]);
  });

  it('takes what a helper given the whole request object returns as request data', async () => {
    expect(await hits(view('w = helpers.web.wrap(request)\nos.system("ls " + w.get_query_parameter("d"))'))).toEqual([at(CMD, 2)]);
    // Calls that only use the request (render, auth checks) give nothing of it back.
    expect(await hits(view('ok = helpers.web.is_allowed(request)\nos.system("ls " + str(ok))'))).toEqual([]);
  });

  it("honours an early return on '..' in the name, for path sinks only", async () => {
    const guard = `name = request.args["f"]\nif "../" in name:\n    return "no"`;
    expect(await hits(view(`${guard}\nreturn open("/srv/" + name).read()`))).toEqual([]);
    expect(await hits(view(`${guard}\nos.system("cat " + name)`))).toEqual([at(CMD, 4)]);
    expect(await hits(view('name = request.args["f"]\nreturn open("/srv/" + name).read()'))).toEqual([at(PATH, 2)]);
  });

  it('honours a prefix check on a normalised path, not on a raw one', async () => {
    const check = (made: string) => `name = request.args["f"]\np = ${made}\nif not str(p).startswith("/srv"):\n    return "no"\nreturn open(p).read()`;
    expect(await hits(view(check('(pathlib.Path("/srv") / name).resolve()')))).toEqual([]);
    expect(await hits(view(check('os.path.realpath(os.path.join("/srv", name))')))).toEqual([]);
    expect(await hits(view(check('os.path.join("/srv", name)')))).toEqual([at(PATH, 5)]);
  });

  it('honours a host allow-list on a parsed URL held in a variable', async () => {
    const go = (test: string) => `url = request.args["next"]\nu = urllib.parse.urlparse(url)\nif ${test}:\n    return "bad"\nreturn redirect(url)`;
    expect(await hits(view(go("u.netloc not in ['example.com'] or u.scheme != 'https'")))).toEqual([]);
    expect(await hits(view(go("u.path == ''")))).toEqual(['sast.open-redirect:11']);
  });

  it('judges make_response by its body, not the headers, and the returned response where it was made', async () => {
    expect(await hits(view('v = request.args["v"]\nresp = make_response(("saved", {"X-Value": v}))\nreturn resp'))).toEqual([]);
    expect(await hits(view('v = request.args["v"]\nresp = make_response(("<p>" + v, {"X-A": "1"}))\nreturn resp'))).toEqual(['sast.reflected-xss:8']);
  });

  it('keeps a list made inside a branch tracked by position', async () => {
    const list = (i: number) => `x = request.args.get("x")\nbar = "none"\nif x:\n    lst = ["a", x, "b"]\n    lst.pop(0)\n    bar = lst[${i}]\nos.system("echo " + bar)`;
    expect(await hits(view(list(0)))).toEqual([at(CMD, 7)]);
    expect(await hits(view(list(1)))).toEqual([]);
  });

  it('does not take minidom or sax default parsers for XXE; an enabled external-entity feature is reported', async () => {
    const xml = (setup: string) =>
      `import xml.dom.minidom, xml.sax, xml.sax.handler\nfrom flask import request\n\n@app.route("/x", methods=["POST"])\ndef x():\n    parser = xml.sax.make_parser()\n${setup}    return xml.dom.minidom.parseString(request.data, parser).toxml()\n`;
    expect(await hits(xml(''))).toEqual([]);
    expect(await hits(xml('    parser.setFeature(xml.sax.handler.feature_external_ges, True)\n'))).toEqual(['sast.xxe-entities-enabled:7']);
  });
});
