import { OWASP, type SastRule } from '../rule.js';
import { taintSinkRule } from '../taint-sinks.js';

export const rule: SastRule = taintSinkRule(
  {
    id: 'sast.xpath-injection',
    title: 'XPath query built from request data',
    severity: 'high',
    cwe: 'CWE-643',
    owasp: OWASP.A03,
    families: ['js', 'py'],
    remediation: 'Pass values as XPath variables (lxml: tree.xpath("//user[@name=$name]", name=value)) instead of formatting them into the expression.',
    samples: {
      bad: [
        { lang: 'python', code: `from lxml import etree\nfrom flask import request\n\ndef lookup(tree):\n    name = request.args.get("name")\n    return tree.xpath(f"//user[@name='{name}']/email/text()")\n` },
        { lang: 'javascript', code: `const xpath = require('xpath');\napp.get('/user', (req, res) => {\n  const nodes = xpath.select("//user[@name='" + req.query.name + "']", doc);\n  res.json(nodes.length);\n});\n` },
      ],
      good: [
        { lang: 'python', code: `from lxml import etree\nfrom flask import request\n\ndef lookup(tree):\n    name = request.args.get("name")\n    return tree.xpath("//user[@name=$name]/email/text()", name=name)\n` },
        { lang: 'javascript', code: `const xpath = require('xpath');\napp.get('/user', (req, res) => {\n  const nodes = xpath.select("//user[@name='admin']", doc);\n  res.json(nodes.length);\n});\n` },
      ],
    },
  },
  'xpath',
  (call, ctx) => {
    if (ctx.family === 'py') {
      if (/^elementpath\.(?:select|iter_select|Selector)$/.test(call.name)) return [call.args[1] ?? call.args[0]];
      return /^(?:xpath|XPath|find|findall|findtext|iterfind|evaluate)$/.test(call.last) && call.receiver ? [call.args[0]] : undefined;
    }
    return /^xpath\.(?:select|select1|evaluate|parse)$|^document\.evaluate$/.test(call.name) ? [call.args[0]] : undefined;
  },
);
