import type { SyntaxNode } from '../parser.js';
import { OWASP, type RuleContext, type SastRule } from '../rule.js';

const NAME = /(?:^|_|\b|[a-z])(?:pass(?:word|wd|phrase)?|pwd|secret|api_?key|apikey|access_?key|auth_?token|private_?key|client_?secret|token|credential)s?$/i;
const PLACEHOLDER = /^(?:|x+|\*+|changeme|change_me|password|secret|example|dummy|test|todo|none|null|your[-_ ].*|<.*>|\$\{.*\}|%\(.*\)s|\{.*\})$/i;

export const rule: SastRule = {
  id: 'sast.hardcoded-credentials',
  title: 'Hard-coded password, secret or API key',
  severity: 'high',
  cwe: 'CWE-798',
  owasp: OWASP.A07,
  bandit: 'B105',
  families: ['js', 'py'],
  remediation: 'Read secrets from the environment or a secret manager at run time; rotate the exposed value.',
  samples: {
    bad: [
      { lang: 'python', code: `import psycopg2\n\nDB_PASSWORD = "s3cr3t-Pr0d!"\n\ndef connect():\n    return psycopg2.connect(host="db", user="app", password="hunter2-prod")\n` },
      { lang: 'javascript', code: `const config = {\n  db: { user: 'app', password: 'Sup3rS3cret!' },\n};\nconst apiKey = 'ak_live_51HxYzQ2eZvKYlo2C';\nmodule.exports = { config, apiKey };\n` },
    ],
    good: [
      { lang: 'python', code: `import os\nimport psycopg2\n\nDB_PASSWORD = os.environ["DB_PASSWORD"]\n\ndef connect():\n    return psycopg2.connect(host="db", user="app", password=DB_PASSWORD)\n` },
      { lang: 'javascript', code: `const config = {\n  db: { user: 'app', password: process.env.DB_PASSWORD },\n};\nconst passwordField = 'password';\nmodule.exports = { config, passwordField };\n` },
    ],
  },
  on: {
    assignment: (n, ctx) => check(n.childForFieldName('left'), n.childForFieldName('right'), n, ctx),
    variable_declarator: (n, ctx) => check(n.childForFieldName('name'), n.childForFieldName('value'), n, ctx),
    pair: (n, ctx) => check(n.childForFieldName('key'), n.childForFieldName('value'), n, ctx),
    keyword_argument: (n, ctx) => check(n.childForFieldName('name'), n.childForFieldName('value'), n, ctx),
    assignment_expression: (n, ctx) => check(n.childForFieldName('left'), n.childForFieldName('right'), n, ctx),
  },
};

function check(name: SyntaxNode | null, value: SyntaxNode | null, at: SyntaxNode, ctx: RuleContext): void {
  if (!name || !value) return;
  const key = (ctx.str(name) ?? name.text).replace(/^.*[.[]/, '').replace(/["'\]]/g, '');
  if (!NAME.test(key) || /(?:field|name|label|prompt|key_?name|header|param|url|path|file|type|policy|length|min|max|pattern|regex|placeholder)s?$/i.test(key)) return;
  const v = ctx.str(value);
  if (v === undefined || v.length < 6 || PLACEHOLDER.test(v) || /\s/.test(v) || v.toLowerCase() === key.toLowerCase()) return;
  ctx.report(at, `Hard-coded credential in "${key}"`);
}
