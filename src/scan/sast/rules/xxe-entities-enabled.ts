import type { CallInfo } from '../model.js';
import type { SyntaxNode } from '../parser.js';
import { OWASP, type RuleContext, type SastRule } from '../rule.js';

/** libxml2's parser option bits that expand entities or fetch the external DTD (XML_PARSE_NOENT = 2, XML_PARSE_DTDLOAD = 4). */
const ENTITY_BITS = 2 | 4;
const ENTITY_FLAG = /(~\s*)?(?:[\w$]+\.)*XML_PARSE_(?:NOENT|DTDLOAD)\b/g;
/** Python libxml2 bindings: the position of the `options` argument. */
const PY_OPTIONS_ARG: Record<string, number> = { readMemory: 4, readFile: 2, readDoc: 3, readFd: 3, ctxtReadMemory: 5, ctxtReadFile: 3, ctxtReadDoc: 4 };
/** JavaScript libxml2 bindings (libxmljs 1.x flags, libxml2-wasm option). */
const JS_PARSE = /(?:^|\.)(?:parseXml|parseXmlString|parseXmlAsync|fromString|fromBuffer)$/;

/** Code run from a string (vm sandboxes, eval) that parses XML with entity expansion on: `vm.runInContext('libxml.parseXml(data, { noent: true })', sandbox)`. */
const CODE_RUNNER = /^(?:vm\.(?:runInContext|runInNewContext|runInThisContext)|eval)$/;
const XXE_IN_CODE = /\bparseXml(?:String)?\s*\([^)]*\bnoent\s*:\s*true\b/;

/** Options given as libxml2 bit flags: a named XML_PARSE_NOENT / _DTDLOAD that is set (not cleared with ~), or a number with those bits. */
function entityBits(node: SyntaxNode | null | undefined): boolean {
  if (!node) return false;
  if (node.type === 'integer' || node.type === 'number') return (Number(node.text) & ENTITY_BITS) !== 0;
  // `opts & ~XML_PARSE_NOENT` clears the bit: only a mention without `~` sets it.
  return [...node.text.matchAll(ENTITY_FLAG)].some((m) => m[1] === undefined);
}

function flaggedOptions(call: { name: string; last: string; args: readonly SyntaxNode[]; kw(name: string): SyntaxNode | undefined }, ctx: RuleContext): boolean {
  if (ctx.family === 'py') {
    const at = PY_OPTIONS_ARG[call.last];
    if (at === undefined || (!/(?:^|\.)libxml2\./.test(call.name) && !call.last.startsWith('ctxtRead'))) return false;
    return entityBits(call.kw('options') ?? call.args[at]);
  }
  if (!JS_PARSE.test(call.name)) return false;
  const opts = call.args.find((a) => a.type === 'object');
  return entityBits(ctx.prop(opts, 'flags')) || entityBits(ctx.prop(opts, 'option')) || entityBits(ctx.prop(opts, 'options'));
}

/** Methods that configure a parser object without feeding it a document. */
const CONFIGURES = /^(?:setFeature|setProperty|setContentHandler|setErrorHandler|setEntityResolver|setDTDHandler|setLocale|resolvers)$/;
/** Methods of a parser object that take the document as their first argument. */
const FEEDS = /^(?:parse|parseString|feed)$/;

/**
 * A parser made (or configured) in a function and only ever handed fixed text there: `p = make_parser();
 * p.setFeature(feature_external_ges, True); parseString("<a/>", p)`. Nothing a caller sends reaches it, so its
 * entity setting is not reachable XXE. Any other use (returned, stored, passed on, fed request data, a
 * module-level parser) keeps the report.
 */
function onlyFixedDocuments(call: CallInfo, ctx: RuleContext): boolean {
  const assign = call.node.parent;
  const target = call.last === 'setFeature' ? call.receiver : assign?.type === 'assignment' ? assign.childForFieldName('left') : undefined;
  if (target?.type !== 'identifier') return false;
  let fn: SyntaxNode | null = call.node.parent;
  while (fn && fn.type !== 'function_definition') fn = fn.parent;
  if (!fn) return false;
  let fed = 0;
  for (const id of fn.descendantsOfType('identifier')) {
    if (!id || id.text !== target.text) continue;
    const parent = id.parent;
    if (parent?.type === 'assignment' && parent.childForFieldName('left')?.id === id.id) continue; // p = make_parser()
    const method = parent?.type === 'attribute' && parent.childForFieldName('object')?.id === id.id && parent.parent?.type === 'call' ? ctx.call(parent.parent) : undefined;
    if (method && CONFIGURES.test(method.last)) continue;
    // p.parse(doc), or the parser handed to a parse function: parseString(doc, p) / fromstring(doc, parser=p).
    const user = method && FEEDS.test(method.last) ? method : !method && argumentOf(id) ? ctx.call(argumentOf(id)!) : undefined;
    const doc = user?.args[0];
    if (!doc || doc.id === id.id || !ctx.fixed(doc)) return false;
    fed++;
  }
  return fed > 0;
}

/** The call whose argument list (directly or as a keyword value) holds `id`. */
function argumentOf(id: SyntaxNode): SyntaxNode | undefined {
  const list = id.parent?.type === 'keyword_argument' ? id.parent.parent : id.parent;
  return list?.type === 'argument_list' && list.parent?.type === 'call' ? list.parent : undefined;
}

export const rule: SastRule = {
  id: 'sast.xxe-entities-enabled',
  title: 'XML parser configured to resolve external entities (XXE)',
  severity: 'high',
  cwe: 'CWE-611',
  owasp: OWASP.A05,
  bandit: 'B320',
  families: ['js', 'py'],
  remediation: 'Turn entity resolution off (lxml resolve_entities=False, no_network=True; libxmljs noent: false and no XML_PARSE_NOENT / XML_PARSE_DTDLOAD in libxml2 option flags; SAX feature_external_ges False) or use defusedxml.',
  samples: {
    bad: [
      { lang: 'python', code: `from lxml import etree\n\ndef parse(data):\n    parser = etree.XMLParser(resolve_entities=True)\n    return etree.fromstring(data, parser)\n` },
      { lang: 'python', code: `import xml.sax\nfrom xml.sax.handler import feature_external_ges\n\ndef parse(stream, handler):\n    parser = xml.sax.make_parser()\n    parser.setFeature(feature_external_ges, True)\n    parser.setContentHandler(handler)\n    parser.parse(stream)\n` },
      { lang: 'javascript', code: `const libxmljs = require('libxmljs');\nmodule.exports = (xml) => libxmljs.parseXml(xml, { noent: true });\n` },
      { lang: 'python', code: `import libxml2\n\ndef parse(data):\n    return libxml2.readMemory(data, len(data), None, None, libxml2.XML_PARSE_NOENT | libxml2.XML_PARSE_NONET)\n` },
      { lang: 'javascript', code: `import { XmlDocument, ParseOption } from 'libxml2-wasm';\nexport const parse = (xml) => XmlDocument.fromString(xml, { option: ParseOption.XML_PARSE_DTDLOAD | ParseOption.XML_PARSE_NONET });\n` },
      { lang: 'javascript', code: `const libxmljs = require('libxmljs');\nmodule.exports = (xml) => libxmljs.parseXml(xml, { flags: [libxmljs.XMLParseFlags.XML_PARSE_NOENT] });\n` },
      { lang: 'javascript', code: `const vm = require('vm');\nconst libxml = require('libxmljs2');\nmodule.exports = (data) => {\n  const sandbox = { libxml, data };\n  vm.createContext(sandbox);\n  return vm.runInContext('libxml.parseXml(data, { noent: true })', sandbox, { timeout: 2000 });\n};\n` },
    ],
    good: [
      { lang: 'python', code: `from lxml import etree\n\ndef parse(data):\n    parser = etree.XMLParser(resolve_entities=False, no_network=True)\n    return etree.fromstring(data, parser)\n` },
      { lang: 'javascript', code: `const libxmljs = require('libxmljs');\nmodule.exports = (xml) => libxmljs.parseXml(xml, { noent: false });\n` },
      { lang: 'python', code: `import libxml2\n\ndef parse(data):\n    return libxml2.readMemory(data, len(data), None, None, libxml2.XML_PARSE_NONET | libxml2.XML_PARSE_NOBLANKS)\n` },
      { lang: 'python', code: `import libxml2\n\ndef parse(data, opts):\n    return libxml2.readMemory(data, len(data), None, None, opts & ~libxml2.XML_PARSE_NOENT)\n` },
      { lang: 'python', code: `import libxml2\n\nSAFE = 2048\n\ndef parse(data):\n    return libxml2.readMemory(data, len(data), None, None, 2048)\n` },
      { lang: 'javascript', code: `import { XmlDocument, ParseOption } from 'libxml2-wasm';\nexport const parse = (xml) => XmlDocument.fromString(xml, { option: ParseOption.XML_PARSE_NONET });\n` },
      { lang: 'javascript', code: `const vm = require('vm');\nconst libxml = require('libxmljs2');\nmodule.exports = (data) => {\n  const sandbox = { libxml, data };\n  vm.createContext(sandbox);\n  return vm.runInContext('libxml.parseXml(data, { noent: false, noblanks: true })', sandbox, { timeout: 2000 });\n};\n` },
    ],
  },
  onCall(call, ctx) {
    if (ctx.family === 'py') {
      const entities = (/XMLParser$/.test(call.name) && /lxml|etree/.test(call.name) && call.kw('resolve_entities')?.type === 'true')
        || (/XMLParser$/.test(call.name) && call.kw('no_network')?.type === 'false')
        || (call.last === 'setFeature' && /feature_external_(?:ges|pes)$/.test(ctx.name(call.args[0])) && call.args[1]?.type === 'true');
      if (entities) return onlyFixedDocuments(call, ctx) ? undefined : ctx.report(call.node);
      if (flaggedOptions(call, ctx)) ctx.report(call.node);
      return;
    }
    if (flaggedOptions(call, ctx)) return ctx.report(call.node);
    const code = call.args[0];
    if (CODE_RUNNER.test(call.name) && code && (code.type === 'string' || code.type === 'template_string') && XXE_IN_CODE.test(code.text)) {
      return ctx.report(call.node, 'XML parser configured to resolve external entities (XXE), in code run from a string');
    }
    if (/^libxmljs2?\.(?:parseXml|parseXmlString|parseHtml)$/.test(call.name)) {
      const noent = ctx.prop(call.args.find((a) => a.type === 'object'), 'noent');
      if (noent?.type === 'true') ctx.report(call.node);
    }
  },
};
