import type { SyntaxNode } from '../parser.js';
import { OWASP, type RuleContext, type SastRule } from '../rule.js';

const SECRETISH = /token|secret|passw|pwd|nonce|salt|otp|session|csrf|xsrf|auth|remember|cookie|reset|verif|api_?key|apikey|private|credential|invite|activation|\bkey\b|_key|Key$/i;
const PY_RANDOM = /^random\.(?:random|randint|randrange|choice|choices|getrandbits|uniform|sample|shuffle|triangular|randbytes|gauss|normalvariate|lognormvariate|expovariate|vonmisesvariate|gammavariate|betavariate|paretovariate|weibullvariate|binomialvariate)$/;

export const rule: SastRule = {
  id: 'sast.insecure-random',
  title: 'Non-cryptographic random numbers used for a secret or token',
  severity: 'high',
  cwe: 'CWE-338',
  owasp: OWASP.A02,
  bandit: 'B311',
  eslint: 'detect-pseudoRandomBytes',
  families: ['js', 'py'],
  remediation: 'Use the secrets module (Python) or crypto.randomBytes / crypto.randomUUID / crypto.getRandomValues (JS) for anything an attacker must not guess.',
  samples: {
    bad: [
      { lang: 'python', code: `import random\nimport string\n\ndef new_reset_token():\n    reset_token = "".join(random.choice(string.ascii_letters) for _ in range(32))\n    return reset_token\n` },
      { lang: 'python', code: `import random\nfrom flask import make_response\n\ndef login():\n    remember_me = str(random.random())[2:]\n    resp = make_response("ok")\n    resp.set_cookie("rememberMe", remember_me)\n    return resp\n` },
      { lang: 'javascript', code: `function createSession(user) {\n  const sessionId = Math.random().toString(36).slice(2);\n  return { user, sessionId };\n}\n` },
      { lang: 'python', code: `import random\nfrom flask import make_response\n\ndef remember():\n    value = str(random.gauss(0, 1))[2:]\n    resp = make_response("ok")\n    resp.set_cookie("rememberMe", value)\n    return resp\n` },
      { lang: 'python', code: `import random\nfrom flask import make_response\n\ndef login():\n    value = random.getrandbits(64)\n    resp = make_response("ok")\n    resp.set_cookie("rememberMe", str(value), secure=True, httponly=True)\n    return resp\n` },
    ],
    good: [
      { lang: 'python', code: `import random\nimport secrets\n\ndef backoff():\n    return random.uniform(0.1, 0.5)\n\ndef new_reset_token():\n    reset_token = secrets.token_urlsafe(32)\n    return reset_token\n` },
      { lang: 'javascript', code: `const crypto = require('crypto');\nfunction jitter() {\n  return Math.random() * 100;\n}\nfunction createSession(user) {\n  const sessionId = crypto.randomBytes(16).toString('hex');\n  return { user, sessionId };\n}\n` },
    ],
  },
  onCall(call, ctx) {
    const weak = ctx.family === 'py' ? PY_RANDOM.test(call.name) : call.name === 'Math.random' || call.name === 'crypto.pseudoRandomBytes';
    if (!weak) return;
    const target = destination(call.node, ctx);
    if (target !== undefined && SECRETISH.test(target)) return ctx.report(call.node, `${call.name}() is predictable but feeds "${target}"`);
    // Assigned to a neutral name first (value = random.random(); token = str(value)): judge by the function.
    const fn = enclosingFunction(call.node);
    if (fn && /set_cookie|\.cookie\(|session\[|remember|token|password|secret|nonce|otp/i.test(fn.text)) ctx.report(call.node, `${call.name}() is predictable and used in a function that issues a token or cookie`);
  },
};

function enclosingFunction(node: SyntaxNode): SyntaxNode | undefined {
  let n: SyntaxNode | null = node.parent;
  while (n && !/^(?:function_definition|function_declaration|arrow_function|method_definition|function_expression)$/.test(n.type)) n = n.parent;
  return n ?? undefined;
}

/** The name the random value ends up in: assigned variable, object key, keyword, function returning it, cookie call. */
function destination(node: SyntaxNode, ctx: RuleContext): string | undefined {
  let n: SyntaxNode | null = node.parent;
  while (n) {
    switch (n.type) {
      case 'assignment': case 'augmented_assignment': case 'assignment_expression': case 'augmented_assignment_expression':
        return n.childForFieldName('left')?.text;
      case 'variable_declarator':
        return n.childForFieldName('name')?.text;
      case 'pair':
        return n.childForFieldName('key')?.text;
      case 'keyword_argument':
        return n.childForFieldName('name')?.text;
      case 'call': case 'call_expression': {
        const c = ctx.call(n);
        if (c && /cookie|session|token|secret/i.test(c.name)) return c.name;
        break;
      }
      case 'return_statement': {
        let f: SyntaxNode | null = n.parent;
        while (f && !/function|method/.test(f.type)) f = f.parent;
        return f?.childForFieldName('name')?.text;
      }
      case 'function_definition': case 'function_declaration': case 'arrow_function': case 'method_definition': case 'expression_statement':
        return undefined;
    }
    n = n.parent;
  }
  return undefined;
}
