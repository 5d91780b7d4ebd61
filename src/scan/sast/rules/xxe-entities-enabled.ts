import { OWASP, type SastRule } from '../rule.js';

export const rule: SastRule = {
  id: 'sast.xxe-entities-enabled',
  title: 'XML parser configured to resolve external entities (XXE)',
  severity: 'high',
  cwe: 'CWE-611',
  owasp: OWASP.A05,
  bandit: 'B320',
  families: ['js', 'py'],
  remediation: 'Turn entity resolution off (lxml resolve_entities=False, no_network=True; libxmljs noent: false; SAX feature_external_ges False) or use defusedxml.',
  samples: {
    bad: [
      { lang: 'python', code: `from lxml import etree\n\ndef parse(data):\n    parser = etree.XMLParser(resolve_entities=True)\n    return etree.fromstring(data, parser)\n` },
      { lang: 'python', code: `import xml.sax\nfrom xml.sax.handler import feature_external_ges\n\ndef parse(stream, handler):\n    parser = xml.sax.make_parser()\n    parser.setFeature(feature_external_ges, True)\n    parser.setContentHandler(handler)\n    parser.parse(stream)\n` },
      { lang: 'javascript', code: `const libxmljs = require('libxmljs');\nmodule.exports = (xml) => libxmljs.parseXml(xml, { noent: true });\n` },
    ],
    good: [
      { lang: 'python', code: `from lxml import etree\n\ndef parse(data):\n    parser = etree.XMLParser(resolve_entities=False, no_network=True)\n    return etree.fromstring(data, parser)\n` },
      { lang: 'javascript', code: `const libxmljs = require('libxmljs');\nmodule.exports = (xml) => libxmljs.parseXml(xml, { noent: false });\n` },
    ],
  },
  onCall(call, ctx) {
    if (ctx.family === 'py') {
      if (/XMLParser$/.test(call.name) && /lxml|etree/.test(call.name) && call.kw('resolve_entities')?.type === 'true') return ctx.report(call.node);
      if (/XMLParser$/.test(call.name) && call.kw('no_network')?.type === 'false') return ctx.report(call.node);
      if (call.last === 'setFeature' && /feature_external_(?:ges|pes)$/.test(ctx.name(call.args[0])) && call.args[1]?.type === 'true') ctx.report(call.node);
      return;
    }
    if (/^libxmljs2?\.(?:parseXml|parseXmlString|parseHtml)$/.test(call.name)) {
      const noent = ctx.prop(call.args.find((a) => a.type === 'object'), 'noent');
      if (noent?.type === 'true') ctx.report(call.node);
    }
  },
};
