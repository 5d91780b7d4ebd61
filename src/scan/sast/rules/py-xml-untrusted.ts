import { OWASP, type SastRule } from '../rule.js';
import { taintSinkRule } from '../taint-sinks.js';

const PARSE = /^(?:xml\.etree\.(?:c?ElementTree)\.(?:parse|fromstring|XML|iterparse|XMLParser)|xml\.etree\.cElementTree\.\w+|lxml\.etree\.(?:parse|fromstring|XML|iterparse)|etree\.(?:parse|fromstring|XML)|ET\.(?:parse|fromstring|XML)|xmlrpc\.client\.\w+)$/;

export const rule: SastRule = taintSinkRule(
  {
    id: 'sast.py-xml-untrusted',
    title: 'Request data parsed with an XML parser that is unsafe for untrusted input',
    severity: 'high',
    cwe: 'CWE-611',
    owasp: OWASP.A05,
    bandit: 'B314',
    families: ['py'],
    remediation: 'Parse untrusted XML with defusedxml (defusedxml.ElementTree.fromstring ...), which blocks entity expansion and external entities.',
    samples: {
      bad: [{ lang: 'python', code: `import xml.etree.ElementTree as ET\nfrom flask import request\n\n@app.route("/import", methods=["POST"])\ndef import_feed():\n    root = ET.fromstring(request.data)\n    return str(len(root))\n` }],
      good: [{ lang: 'python', code: `import defusedxml.ElementTree as ET\nimport xml.etree.ElementTree as StdET\nfrom flask import request\n\n@app.route("/import", methods=["POST"])\ndef import_feed():\n    root = ET.fromstring(request.data)\n    cfg = StdET.parse("/etc/app/config.xml")\n    return str(len(root)) + str(cfg)\n` }],
    },
  },
  'xpath',
  // xml.dom.minidom / pulldom / xml.sax are left out: since Python 3.7.1 their parsers no longer fetch external
  // entities; one configured to (setFeature(feature_external_ges, True)) is reported by sast.xxe-entities-enabled.
  (call) => {
    if (!PARSE.test(call.name)) return undefined;
    // lxml with an explicit parser: the parser's settings decide (iac-style check in sast.xxe-entities-enabled).
    if (/(?:^|\.)etree\.|^ET\./.test(call.name) && /lxml|^etree/.test(call.name) && (call.args[1] || call.kw('parser'))) return undefined;
    return [call.args[0]];
  },
);
