import { OWASP, type SastRule } from '../rule.js';

const ALL = new Set(['0.0.0.0', '::', '']);

export const rule: SastRule = {
  id: 'sast.bind-all-interfaces',
  title: 'Server binds to all network interfaces (0.0.0.0)',
  severity: 'medium',
  cwe: 'CWE-1327',
  owasp: OWASP.A05,
  bandit: 'B104',
  families: ['js', 'py'],
  remediation: 'Bind to 127.0.0.1 (or a specific interface) unless the process must be reachable from other hosts; in containers make it a deliberate setting.',
  samples: {
    bad: [
      { lang: 'python', code: `from flask import Flask\n\napp = Flask(__name__)\napp.run(host="0.0.0.0", port=8080)\n` },
      { lang: 'javascript', code: `const http = require('http');\nconst server = http.createServer(handler);\nserver.listen(8080, '0.0.0.0');\n` },
    ],
    good: [
      { lang: 'python', code: `import os\nfrom flask import Flask\n\napp = Flask(__name__)\napp.run(host=os.environ.get("BIND", "127.0.0.1"), port=8080)\n` },
      { lang: 'javascript', code: `const http = require('http');\nconst server = http.createServer(handler);\nserver.listen(8080, '127.0.0.1');\n` },
    ],
  },
  onCall(call, ctx) {
    if (ctx.family === 'py') {
      if (call.last === 'run' && ctx.str(call.kw('host')) === '0.0.0.0') return ctx.report(call.node);
      if (call.last === 'bind' && call.args[0]?.type === 'tuple' && ctx.str(call.args[0].namedChildren[0]) === '0.0.0.0') ctx.report(call.node);
      return;
    }
    if (call.last !== 'listen') return;
    const host = call.args.find((a) => a.type === 'string');
    if (host && ctx.str(host) === '0.0.0.0') return ctx.report(call.node);
    const opts = call.args.find((a) => a.type === 'object');
    const h = ctx.str(ctx.prop(opts, 'host'));
    if (h !== undefined && ALL.has(h) && h !== '') ctx.report(call.node);
  },
};
