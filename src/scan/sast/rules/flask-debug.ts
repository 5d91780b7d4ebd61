import type { SyntaxNode } from '../parser.js';
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
    bad: [
      { lang: 'python', code: `from flask import Flask\n\napp = Flask(__name__)\n\nif __name__ == "__main__":\n    app.run(host="127.0.0.1", port=5000, debug=True)\n` },
      { lang: 'python', code: `from flask import Flask\n\nDEBUG = True\napp = Flask(__name__)\napp.debug = DEBUG\n` },
    ],
    good: [
      { lang: 'python', code: `import os\nfrom flask import Flask\n\napp = Flask(__name__)\n\nif __name__ == "__main__":\n    app.run(host="127.0.0.1", port=5000, debug=os.environ.get("FLASK_DEBUG") == "1")\n` },
      { lang: 'python', code: `import os\nfrom flask import Flask\n\nDEBUG = True\nif os.environ.get("ENV") == "production":\n    DEBUG = False\nDEBUG = os.environ.get("FLASK_DEBUG") == "1"\napp = Flask(__name__)\napp.debug = DEBUG\n` },
    ],
  },
  onCall(call, ctx) {
    if (call.last === 'run' && call.kw('debug')?.type === 'true') ctx.report(call.node);
  },
  on: {
    assignment(node, ctx) {
      // app.debug = True / app.config["DEBUG"] = True
      const left = node.childForFieldName('left')?.text ?? '';
      const right = node.childForFieldName('right');
      if (!/^\w+\.(?:debug|config\[["']DEBUG["']\])$/.test(left) || !right) return;
      if (right.type === 'true' || (right.type === 'identifier' && moduleTrue(right.text, node))) ctx.report(node);
    },
  },
};

/** `name` is set once in the module, to True (`DEBUG = True`, then `app.debug = DEBUG`). */
function moduleTrue(name: string, from: SyntaxNode): boolean {
  let root = from;
  while (root.parent) root = root.parent;
  const sets = root.namedChildren
    .map((st) => (st?.type === 'expression_statement' ? st.namedChildren[0] : undefined))
    .filter((a): a is SyntaxNode => a?.type === 'assignment' && a.childForFieldName('left')?.text === name);
  return sets.length === 1 && sets[0]!.childForFieldName('right')?.type === 'true';
}
