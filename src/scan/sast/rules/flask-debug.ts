import { OWASP, type SastRule } from '../rule.js';

export const rule: SastRule = {
  id: 'sast.flask-debug',
  title: 'Flask app run with debug=True (Werkzeug debugger allows code execution)',
  severity: 'high',
  cwe: 'CWE-489',
  owasp: OWASP.A05,
  bandit: 'B201',
  families: ['py'],
  remediation: 'Never enable debug in production; read it from the environment (FLASK_DEBUG) and default to off.',
  samples: {
    bad: [{ lang: 'python', code: `from flask import Flask\n\napp = Flask(__name__)\n\nif __name__ == "__main__":\n    app.run(host="127.0.0.1", port=5000, debug=True)\n` }],
    good: [{ lang: 'python', code: `import os\nfrom flask import Flask\n\napp = Flask(__name__)\n\nif __name__ == "__main__":\n    app.run(host="127.0.0.1", port=5000, debug=os.environ.get("FLASK_DEBUG") == "1")\n` }],
  },
  onCall(call, ctx) {
    if (call.last === 'run' && call.kw('debug')?.type === 'true') ctx.report(call.node);
  },
  on: {
    assignment(node, ctx) {
      // app.debug = True / app.config["DEBUG"] = True
      const left = node.childForFieldName('left')?.text ?? '';
      if (/^\w+\.(?:debug|config\[["']DEBUG["']\])$/.test(left) && node.childForFieldName('right')?.type === 'true') ctx.report(node);
    },
  },
};
