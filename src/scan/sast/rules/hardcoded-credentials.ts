import type { SyntaxNode } from '../parser.js';
import { OWASP, type RuleContext, type SastRule } from '../rule.js';

const NAME = /(?:^|_|\b|[a-z])(?:pass(?:word|wd|phrase)?|pwd|secret|api_?key|apikey|access_?key|secret_?key|signing_?key|auth_?token|private_?key|client_?secret|token|credential)s?$/i;
const PLACEHOLDER = /^(?:|x+|\*+|changeme|change_me|password|secret|example|dummy|test|todo|none|null|your[-_ ].*|<.*>|\$\{.*\}|%\(.*\)s|\{.*\})$/i;
/** A stored password hash (bcrypt, argon2, scrypt, crypt, passlib / Django pbkdf2): it verifies, it does not unlock. */
const PASSWORD_HASH = /^(?:\$(?:2[abxy]?|argon2(?:id|i|d)|scrypt|pbkdf2(?:-sha\d+)?|[156])\$|(?:pbkdf2_sha\d+|bcrypt(?:_sha256)?)\$)/;
/** Environment reads whose second argument is the value used when the variable is unset. */
const ENV_DEFAULT = /^(?:os\.environ\.get|os\.getenv|environ\.get|getenv)$/;
/** Session middleware: the `secret` in its options signs the session cookie, so even a phrase is the key. */
const SESSION_CALL = /^(?:session|expressSession|cookieSession|koaSession)$/;

/** Calls whose argument at this position is a signing / encryption key: a literal there is a hard-coded key. */
const KEY_ARG: readonly (readonly [RegExp, number])[] = [
  [/^(?:jsonwebtoken|jwt)\.(?:sign|verify)$/, 1],
  [/^(?:jwt|jose\.jwt)\.(?:encode|decode)$/, 1],
  [/^crypto\.(?:createHmac|createCipheriv|createDecipheriv|createCipher|createDecipher)$/, 1],
  [/^hmac\.new$/, 0],
  [/^(?:cookie-parser|cookieParser)$/, 0],
  [/^(?:itsdangerous\.)?(?:URLSafeTimedSerializer|URLSafeSerializer|TimestampSigner|Signer|Serializer)$/, 0],
];

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
      { lang: 'python', code: `import jwt\n\ndef issue(user_id):\n    return jwt.encode({"sub": user_id}, "secret", algorithm="HS256")\n` },
      { lang: 'javascript', code: `const jwt = require('jsonwebtoken');\nconst SIGNING = 'k3y-f0r-t0kens';\nfunction issue(user) {\n  return jwt.sign({ sub: user.id }, SIGNING, { expiresIn: '1h' });\n}\n` },
      { lang: 'python', code: `import psycopg2\n\nDB_PASSWORD = "s3cr3t-Pr0d!"\n\ndef connect():\n    return psycopg2.connect(host="db", user="app", password="hunter2-prod")\n` },
      { lang: 'javascript', code: `const jwt = require('jsonwebtoken');\nfunction issue(user) {\n  return jwt.sign({ sub: user.id }, 'shhh');\n}\n` },
      { lang: 'javascript', code: `const crypto = require('crypto');\nconst sig = (body) => crypto.createHmac('sha256', 'k3y-2024-prod').update(body).digest('hex');\n` },
      { lang: 'python', code: `from flask import Flask\napp = Flask(__name__)\napp.config["SECRET_KEY"] = "dev-9f8a7s6d5"\n` },
      { lang: 'python', code: `import boto3\n\ndef client(aws_secret_access_key="wJalrXUtnFEMI/K7MDENG/bPxRfiCY"):\n    return boto3.client("s3", aws_secret_access_key=aws_secret_access_key)\n` },
      { lang: 'typescript', code: `export class Mailer {\n  private apiKey = 'key-3ax6xnjp29jd6fds4gc373sgvjxteol0';\n}\n` },
      { lang: 'javascript', code: `const config = {\n  db: { user: 'app', password: 'Sup3rS3cret!' },\n};\nconst apiKey = 'ak_live_51HxYzQ2eZvKYlo2C';\nmodule.exports = { config, apiKey };\n` },
      { lang: 'python', code: `import os\n\nSECRET_KEY = os.environ.get("APP_COOKIE_SECRET", "5f1c0e9a7b3d4c2e8a6f0b1d9e7c3a2f")\n` },
      { lang: 'javascript', code: `const session = require('express-session');\napp.use(session({ resave: false, secret: 'our team cat' }));\nconst apiToken = process.env.API_TOKEN || 'tok-7Gh2Kq9Lm4';\n` },
      { lang: 'python', code: `SECRET_KEY = 'staging key 2019'\n` },
    ],
    good: [
      { lang: 'python', code: `USERS = {\n    "demo": {"hashed_password": "$2b$12$KIXQJQxQe2YV0cYkQZ8b6eW1dYpQm1Jt3c9rQeXo8Zf2r1m0b5a3K"},\n}\nDJANGO_HASH = {"password": "pbkdf2_sha256$600000$c2FsdHNhbHQ$3q2+7w"}\n` },
      { lang: 'python', code: `import os\n\nSECRET_KEY = os.environ.get("APP_COOKIE_SECRET")\nAPI_TOKEN = os.getenv("API_TOKEN", "")\n` },
      { lang: 'javascript', code: `const session = require('express-session');\napp.use(session({ secret: process.env.SESSION_SECRET, resave: false }));\nconst apiToken = process.env.API_TOKEN || '';\nconst tokenHelp = 'paste your api token here';\n` },
      { lang: 'python', code: `import os\nimport psycopg2\n\nDB_PASSWORD = os.environ["DB_PASSWORD"]\n\ndef connect():\n    return psycopg2.connect(host="db", user="app", password=DB_PASSWORD)\n` },
      { lang: 'javascript', code: `const jwt = require('jsonwebtoken');\nfunction issue(user) {\n  return jwt.sign({ sub: user.id }, process.env.JWT_SECRET);\n}\n` },
      { lang: 'python', code: `import os\nfrom flask import Flask\napp = Flask(__name__)\napp.config["SECRET_KEY"] = os.environ["SECRET_KEY"]\napp.config["API_KEY_HEADER"] = "X-Api-Key"\n` },
      { lang: 'typescript', code: `export class Mailer {\n  private apiKey = process.env.MAIL_KEY ?? '';\n  constructor(private readonly secretName = 'mail-key') {}\n}\n` },
      { lang: 'javascript', code: `const config = {\n  db: { user: 'app', password: process.env.DB_PASSWORD },\n};\nconst passwordField = 'password';\nmodule.exports = { config, passwordField };\n` },
    ],
  },
  onCall(call, ctx) {
    const at = KEY_ARG.find(([re]) => re.test(call.name))?.[1];
    if (at === undefined) return;
    const arg = call.args[at];
    // A literal, or a variable assigned one literal once (`const secret = 'shhh'; jwt.sign(p, secret)`).
    const v = ctx.constText(arg);
    // Here even "secret" or "changeme" is the key in use; only a template placeholder is not.
    if (arg && v !== undefined && v.length >= 3 && !/^(?:<.*>|\$\{.*\}|%\(.*\)s|\{.*\})$/.test(v)) ctx.report(arg, `Hard-coded key passed to ${call.name}()`);
  },
  on: {
    default_parameter: (n, ctx) => check(n.childForFieldName('name'), n.childForFieldName('value'), n, ctx),
    typed_default_parameter: (n, ctx) => check(n.childForFieldName('name'), n.childForFieldName('value'), n, ctx),
    assignment_pattern: (n, ctx) => check(n.childForFieldName('left'), n.childForFieldName('right'), n, ctx),
    required_parameter: (n, ctx) => check(n.childForFieldName('pattern'), n.childForFieldName('value'), n, ctx),
    optional_parameter: (n, ctx) => check(n.childForFieldName('pattern'), n.childForFieldName('value'), n, ctx),
    public_field_definition: (n, ctx) => check(n.childForFieldName('name'), n.childForFieldName('value'), n, ctx),
    field_definition: (n, ctx) => check(n.childForFieldName('property'), n.childForFieldName('value'), n, ctx),
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
  const v = ctx.str(value) ?? envDefault(value, ctx);
  // Prose has spaces (a key may hold an escaped newline or tab), except where only a key can stand: a
  // framework's SECRET_KEY, or the secret of session middleware (`session({ secret: 'keyboard cat' })`).
  const keyOnly = /^secret_?key$/i.test(key) || inSessionOptions(at);
  if (v === undefined || v.length < 6 || PLACEHOLDER.test(v) || (/ /.test(v) && !keyOnly) || v.toLowerCase() === key.toLowerCase() || PASSWORD_HASH.test(v)) return;
  ctx.report(at, `Hard-coded credential in "${key}"`);
}

/** The literal fallback of `os.environ.get("X", "lit")` / `os.getenv("X", default="lit")` / `process.env.X || 'lit'`. */
function envDefault(value: SyntaxNode, ctx: RuleContext): string | undefined {
  if (value.type === 'call') {
    if (!ENV_DEFAULT.test(value.childForFieldName('function')?.text ?? '')) return undefined;
    const args = value.childForFieldName('arguments')?.namedChildren.filter((a): a is SyntaxNode => !!a && a.type !== 'comment') ?? [];
    const byName = args.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'default');
    return ctx.str(byName ? byName.childForFieldName('value') : args[1]?.type === 'keyword_argument' ? null : args[1]);
  }
  if (value.type === 'binary_expression' && /^(?:\|\||\?\?)$/.test(value.childForFieldName('operator')?.text ?? '')) {
    return /^process\.env\b/.test(value.childForFieldName('left')?.text ?? '') ? ctx.str(value.childForFieldName('right')) : undefined;
  }
  return undefined;
}

function inSessionOptions(pair: SyntaxNode): boolean {
  const call = pair.type === 'pair' ? pair.parent?.parent?.parent : undefined;
  return call?.type === 'call_expression' && SESSION_CALL.test(call.childForFieldName('function')?.text ?? '');
}
