import { describe, expect, it } from 'vitest';
import { scanSource } from '../../../src/scan/sast/engine.js';
import { SAST_RULES } from '../../../src/scan/sast/rules/index.js';

/**
 * Our own snippets: an XML parser with external entities turned on, made in a function and handed only fixed text
 * there, is not reachable XXE; fed anything else, or leaving the function, it is.
 */
async function xxe(code: string): Promise<number[]> {
  const r = await scanSource(code, 'python', 't.py', SAST_RULES);
  return r.findings.filter((f) => f.ruleId === 'sast.xxe-entities-enabled').map((f) => (f.location as { line: number }).line);
}

const sax = (doc: string, extra = '') => `import xml.sax
import xml.dom.minidom
from xml.sax.handler import feature_external_ges
from flask import request

def render():
    body = request.get_data(as_text=True)
    doc = ${doc}
    reader = xml.sax.make_parser()
    reader.setFeature(feature_external_ges, True)
${extra}
    return xml.dom.minidom.parseString(doc, reader).documentElement.tagName
`;

describe('an XML parser that resolves external entities, judged by the documents it reads', () => {
  it('is reported when it reads request data, a parameter, or leaves the function', async () => {
    expect(await xxe(sax('body'))).toEqual([10]);
    expect(await xxe(sax('"<menu/>"', '    reader.parse(body)'))).toEqual([10]);
    expect(await xxe(sax('"<menu/>"', '    keep(reader)'))).toEqual([10]);
    expect(await xxe(sax('"<menu/>"', '    return reader'))).toEqual([10]);
    // Configured but not used here: whoever gets it decides what it reads.
    expect(await xxe(`import xml.sax\nfrom xml.sax.handler import feature_external_ges\n\ndef build():\n    p = xml.sax.make_parser()\n    p.setFeature(feature_external_ges, True)\n    return p\n`)).toEqual([6]);
    expect(await xxe(`from lxml import etree\n\ndef load(data):\n    parser = etree.XMLParser(resolve_entities=True)\n    return etree.fromstring(data, parser)\n`)).toEqual([4]);
  });

  it('is not reported when every document it gets in the function is fixed text', async () => {
    expect(await xxe(sax('"<menu><item/></menu>"'))).toEqual([]);
    // Request data replaced by a constant before the parse.
    expect(await xxe(sax('body', '    doc = "<a/>"'))).toEqual([]);
    expect(await xxe(sax('"<menu/>"', '    reader.setContentHandler(xml.sax.ContentHandler())'))).toEqual([]);
    expect(await xxe(`from lxml import etree\n\ndef load():\n    parser = etree.XMLParser(resolve_entities=True)\n    return etree.fromstring("<cfg/>", parser=parser)\n`)).toEqual([]);
  });
});

describe('fixed text kept in a list made inside a branch', () => {
  const branch = (read: string) => `import xml.sax
import xml.dom.minidom
from xml.sax.handler import feature_external_ges
from flask import request

def render():
    body = request.get_data(as_text=True)
    doc = "<none/>"
    if body:
        parts = ["<a/>"]
        parts.append(body)
        parts.append("<b/>")
        parts.pop(0)
        doc = ${read}
    reader = xml.sax.make_parser()
    reader.setFeature(feature_external_ges, True)
    return xml.dom.minidom.parseString(doc, reader)
`;
  it('follows the element by position, inside the branch that made the list', async () => {
    expect(await xxe(branch('parts[1]'))).toEqual([]);
    expect(await xxe(branch('parts[0]'))).toEqual([16]);
    expect(await xxe(branch('parts[-1]'))).toEqual([]);
  });
});
