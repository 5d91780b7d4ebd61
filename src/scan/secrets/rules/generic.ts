import { isPublishedTestKey } from '../examples.js';
import { rule } from '../rule.js';

/**
 * `NAME = value` where NAME says "password", "secret", "api key", "token"...: no provider prefix, so these sit
 * behind an entropy gate and the strict placeholder filter (variables, calls, member access, ${ENV}, prose).
 * The value is quoted (any file) or unquoted up to the end of the line (.env, .ini, .properties, YAML).
 */
function genericAssignment(words: string, minLen: number): string {
  // Starts at the keyword itself: a leading identifier pattern would be tried at every position (15x slower).
  // Not a public or anti-forgery value (publicToken, csrf-token), and not a name that holds an id, a name, a URL,
  // a path or a type rather than the secret (credentialId, LLM_SECRET_NAME, credentials.url).
  const notPublic = '(?<!(?:[pP]ublic|PUBLIC|[pP]ublishable|PUBLISHABLE|[cCxX][sS][rR][fF])[_.-]?)';
  const notMeta = '(?<![._-]?(?:[iI][dD]|[nN]ame|NAME|[uU]rl|URL|[uU]ri|URI|[pP]ath|PATH|[fF]ile|FILE|[tT]ype|TYPE|[hH]eader|HEADER|[fF]ield|FIELD|[lL]ength|LENGTH))';
  const name = `${notPublic}(?:${words})[A-Za-z0-9_.-]{0,20}?${notMeta}`;
  // Go `var dbPassword string = `, Makefile `::=` `?=` `+=`, PHP `.=`, as in rule.ts's ASSIGN_OP.
  const op = `(?:[ \\t]{1,40}[a-z]\\w{0,10}(?=[ \\t]*=))?["']?\\s{0,3}(?::::=|::=|:=|\\?=|\\+=|\\.=|=>|=|:)\\s{0,3}`;
  const quoted = `["'\`]([^"'\`\\s\\\\]{${minLen},200})["'\`]`;
  // Unquoted values must hold a digit: in code they are usually identifiers (token: isTokenOfType).
  const bare = `(?=[^\\s"'\`;,#\\\\]*\\d)([^\\s"'\`;,#\\\\]{${minLen},200})(?=\\s*(?:$|#|;|,))`;
  // An XML element's text, on the same line or its own: <dbPassword>\n  value\n</dbPassword>.
  const element = `>\\s{0,80}(?=[^\\s<]*\\d)([^\\s<>"'\`]{${minLen},200})\\s{0,80}<\\/`;
  return `${name}(?:${op}(?:${quoted}|${bare})|${element})`;
}

/** Values that are shaped like secrets but are not: host:port, a hostname, a public contract address (0x + 40 hex). */
const NOT_SECRET_VALUE = /^(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}(?::\d{1,5})?$|^[A-Za-z0-9.-]+:\d{2,5}$|^0x[0-9a-fA-F]{40}$/;
/**
 * Values in a vendor's shape are that vendor rule's to judge: one it rejected is malformed, not a generic secret
 * (a Telegram-shaped "<digits>:A..." of the wrong length). Also XML qualified names (ns12:TypeName).
 */
const VENDOR_SHAPED = /^\d+:A[\w-]{20,}$|^[a-z]+\d*:[A-Z][A-Za-z]+$/;
/** Password fields in seed data often hold an MD5 / SHA-1 / SHA-256 / SHA-512 hex digest: a hash, not the password. */
const HEX_DIGEST = /^(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64}|[0-9a-f]{128}|[0-9A-F]{32}|[0-9A-F]{40}|[0-9A-F]{64}|[0-9A-F]{128})$/;
const plausible = (s: string) => !NOT_SECRET_VALUE.test(s) && !VENDOR_SHAPED.test(s) && !isPublishedTestKey(s);

const ci = (s: string) => s.replace(/[a-z]/g, (c) => `[${c}${c.toUpperCase()}]`);
const GENERIC_REMEDIATION = 'Move the value to an environment variable or a secret manager and rotate it; if it is not a secret, add `gonogo:allow <reason>` on the line.';

export const genericRules = [
  rule({
    id: 'generic-password', title: 'Password assigned in code or config', severity: 'medium', placeholders: 'strict', remediation: GENERIC_REMEDIATION,
    keywords: ['pass', 'pwd'],
    regex: genericAssignment(ci('(?:password|passwd|passwort|passphrase|pwd|_pass|db_pass|pass)'), 8),
    entropy: 3,
    validate: (s) => plausible(s) && !HEX_DIGEST.test(s),
    tp: ['DB_PASSWORD={a62:16}', 'password: "{a62:6}{d:3}!"', '"smtpPassword": "{a62:14}",', "spring.datasource.password = {a62:12}", '<dbPassword>{a62:10}{d:4}</dbPassword>', '<smtpPassword>\n    {a62:10}{d:4}\n</smtpPassword>'],
    fp: [
      'password = getPassword()', 'password: ${DB_PASSWORD}', 'const password = req.body.password;', 'password: "changeme"', 'PASSWORD=',
      'if (password === confirmPassword) {', 'password_field = "password_confirmation"', 'password: process.env.DB_PASSWORD', 'password = "********"',
      '"password": "<your-password>"', 'passwordMinLength: 12345678', 'password=os.environ["DB_PASSWORD"]',
      '{ "email": "a@b.c", "password": "{hex:32}" }', 'password_hash: {hex:64}', 'DB_PASSWORD=db.internal.acme.dev:5432',
      '<password>\n  ${DB_PASSWORD}\n</password>', '<passwordPolicy>\n  <minLength>12</minLength>\n</passwordPolicy>',
    ],
  }),
  rule({
    id: 'generic-secret', title: 'Secret assigned in code or config', severity: 'medium', placeholders: 'strict', remediation: GENERIC_REMEDIATION,
    keywords: ['secret'],
    regex: genericAssignment(ci('secret'), 12),
    entropy: 3.3,
    validate: plausible,
    tp: ['JWT_SECRET={a62:32}', "client_secret: '{b64u:40}'", 'SESSION_SECRET="{hex:48}"', 'AZURE_CLIENT_SECRET="{a62:8}~{a62:31}"'],
    fp: ['client_secret = settings.CLIENT_SECRET', 'secretName: my-app-secrets', 'JWT_SECRET=${JWT_SECRET}', 'secret: "your-secret-here"', 'secretKeyRef: db-credentials-secret', 'LLM_SECRET_NAME = "NEXUS-GPT4-API-KEY"', 'wallet.secret = 0x{hex:40}'],
  }),
  rule({
    id: 'generic-api-key', title: 'API key assigned in code or config', severity: 'medium', placeholders: 'strict', remediation: GENERIC_REMEDIATION,
    keywords: ['api_key', 'apikey', 'api-key', 'access_key', 'accesskey', 'api.key'],
    regex: genericAssignment(ci('(?:api[_.-]?key|access[_.-]?key)'), 16),
    entropy: 3.3,
    validate: plausible,
    tp: ['API_KEY={a62:32}', 'const apiKey = "{hex:40}";', 'weather.api-key: {b64u:24}'],
    fp: ['apiKey: process.env.API_KEY', 'API_KEY=YOUR_API_KEY', 'api_key = "xxxxxxxxxxxxxxxxxxxxxxxx"', 'const apiKey = config.get("apiKey");', 'apiKeyHeaderName: "X-Api-Key-Header-Name"', 'apiKeyId = "{a62:24}"', 'api_key_url: api.acme.dev:8443', 'meraki-api-key: {hex:20}F{hex:19}'],
  }),
  rule({
    id: 'generic-token', title: 'Token assigned in code or config', severity: 'medium', placeholders: 'strict', remediation: GENERIC_REMEDIATION,
    keywords: ['token'],
    regex: genericAssignment(ci('(?:auth[_.-]?token|access[_.-]?token|refresh[_.-]?token|api[_.-]?token|bot[_.-]?token|bearer[_.-]?token|secret[_.-]?token|token)'), 20),
    entropy: 3.5,
    validate: plausible,
    tp: ['ACCESS_TOKEN={a62:40}', '"authToken": "{b64u:48}"', '<apiToken>\n  {a62:30}{d:4}\n</apiToken>'],
    fp: ['token: ${{ secrets.GITHUB_TOKEN }}', 'const token = await getToken();', 'tokenType: "Bearer"', 'csrf_token = request.cookies.get("csrftoken")', 'TOKEN_EXPIRY_SECONDS=86400000000000000000', 'publicToken = "{a62:40}"', 'telegram_api_token = "{d:4}:A{b64u:34}"', 'csrf-token={b64:64}', 'X-CSRF-TOKEN: {b64u:40}', 'merakiToken = {hex:40}R{d:2}'],
  }),
  rule({
    id: 'generic-private-key-value', title: 'Signing / encryption key assigned in code or config', severity: 'medium', placeholders: 'strict', remediation: GENERIC_REMEDIATION,
    keywords: ['private_key', 'privatekey', 'signing_key', 'signingkey', 'encryption_key', 'encryptionkey', 'master_key', 'masterkey', 'hmac_key', 'credential'],
    regex: genericAssignment(ci('(?:private[_.-]?key|signing[_.-]?key|encryption[_.-]?key|master[_.-]?key|hmac[_.-]?key|credentials?)'), 16),
    entropy: 3.5,
    validate: plausible,
    tp: ['ENCRYPTION_KEY={b64:44}', 'signingKey: "{hex:64}"'],
    fp: ['privateKeyPath: ./keys/server.key', 'ENCRYPTION_KEY=${ENCRYPTION_KEY}', 'credentials: include', 'credentialsProvider = new DefaultAwsCredentialsProvider()', '"credentialId": "{a62:22}",', 'dev.credentials.url=dev-lb1.api.acme.dev:5215'],
  }),
  rule({
    id: 'basic-auth-header', title: 'HTTP Basic credentials in an Authorization header', severity: 'high', placeholders: 'light', remediation: GENERIC_REMEDIATION,
    keywords: ['basic '],
    regex: /[Aa]uthorization["']?\s*[:=,]\s*["']?Basic\s+([A-Za-z0-9+/]{12,}={0,2})(?![A-Za-z0-9+/=])/,
    validate: (s) => {
      const decoded = Buffer.from(s, 'base64').toString('latin1');
      return /^[\x20-\x7e]+:[\x20-\x7e]{3,}$/.test(decoded) && !/^(?:user(?:name)?|admin|test):(?:pass(?:word)?|secret|test)$/i.test(decoded);
    },
    // "api-user:" + "s3cr3t-pr0d-v41ue", split so this file holds no match itself.
    tp: ['Authorization: Basic YXBpLXVzZXI6' + 'czNjcjN0LXByMGQtdjQxdWU='],
    fp: ['Authorization: Basic dXNlcjpwYXNzd29yZA==', 'Authorization: Basic <credentials>', 'Authorization: Basic ${BASIC_AUTH}'],
  }),
  rule({
    id: 'bearer-token-header', title: 'Bearer or Token credential in an Authorization header', severity: 'high', placeholders: 'strict', remediation: GENERIC_REMEDIATION,
    keywords: ['bearer ', 'token '],
    regex: /[Aa]uthorization["']?\s{0,10}[:=,]\s{0,10}["']?(?:Bearer|[Tt]oken)\s{1,10}([A-Za-z0-9._~+/-]{20,500}={0,3})(?![A-Za-z0-9._~+/=-])/,
    entropy: 3.5,
    tp: ['curl -H "Authorization: Bearer {a62:40}" https://api.acme.dev/v1/me', "curl -H 'Authorization: Token {hex:40}' https://ci.acme.dev/api/"],
    fp: ['Authorization: Bearer $TOKEN', 'Authorization: Bearer <token>', 'Authorization: Bearer ${ACCESS_TOKEN}', 'Authorization: Token token_from_the_settings_page'],
  }),
  rule({
    id: 'curl-basic-auth', title: 'Password passed to curl with -u / --user', severity: 'high', placeholders: 'strict', remediation: GENERIC_REMEDIATION,
    keywords: ['curl'],
    // The command may go on over `\` line continuations before the flag.
    regex: /\bcurl\b(?:[^\n]|\\\r?\n){0,300}?\s(?:-u|--user)(?:=|\s*)["']?[^\s:"'<>]{1,64}:([^\s"'$<>]{6,128})["']?(?=\s|$)/,
    entropy: 2.5,
    tp: ['curl -u deploy:{a62:16} https://ci.acme.dev/api/build', 'curl -sS -X POST \\\n  -H "Accept: application/json" \\\n  --user deploy:{a62:16} \\\n  https://ci.acme.dev/api/build'], fp: ['curl -u "$USER:$PASS" https://ci.acme.dev', 'curl -u user:password https://example.com', 'curl -u <login:{a62:12}> https://ci.acme.dev/api'],
  }),
  rule({
    id: 'oauth-token-in-git-url', title: 'Token as the user of an x-oauth-basic git URL', severity: 'high', placeholders: 'strict', remediation: GENERIC_REMEDIATION,
    keywords: ['x-oauth-basic'],
    regex: /https?:\/\/([A-Za-z0-9_-]{20,255}):x-oauth-basic@[A-Za-z0-9.-]+/,
    entropy: 3.5,
    tp: ['git clone https://{hex:40}:x-oauth-basic@github.com/acme/app.git'], fp: ['https://${GITHUB_TOKEN}:x-oauth-basic@github.com/acme/app.git', 'https://<token>:x-oauth-basic@github.com/acme/app'],
  }),
  rule({
    id: 'netrc-password', title: 'Password in a .netrc entry', severity: 'high', placeholders: 'strict', remediation: GENERIC_REMEDIATION,
    keywords: ['machine'],
    regex: /\bmachine\s+[^\s]+\s+login\s+[^\s]+\s+password\s+([^\s]{6,128})/,
    entropy: 2.5,
    tp: ['machine api.heroku.com login ci@acme.dev password {a62:20}'], fp: ['machine example.com login user password <password>'],
  }),
  rule({
    id: 'htpasswd-plaintext', title: 'Plain-text password in a shell export or Docker ENV', severity: 'medium', placeholders: 'strict', remediation: GENERIC_REMEDIATION,
    keywords: ['env ', 'export '],
    // Keyword first, line start checked behind it: a leading ^\s* would be tried at every line.
    regex: /(?:ENV|export)(?<=^[ \t]*(?:ENV|export))[ \t]{1,40}[A-Z0-9_]{0,60}(?:PASSWORD|PASSWD|SECRET|TOKEN|API_KEY)[A-Z0-9_]{0,60}(?:=|[ \t]{1,40})["']?([^\s"'$]{8,200})["']?[ \t]{0,40}$/,
    entropy: 3,
    tp: ['ENV POSTGRES_PASSWORD {a62:16}', 'export GITHUB_TOKEN={a62:24}{d:4}'], fp: ['ENV POSTGRES_PASSWORD_FILE /run/secrets/db', 'export API_KEY=$(cat /run/secrets/api)'],
  }),
];
