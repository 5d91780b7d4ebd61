/**
 * Values that look like secrets by shape but are not: placeholders in docs and templates, variable references,
 * masked values. 'light' is applied to every rule (a provider prefix already makes a match likely real);
 * 'strict' adds the checks generic assignments need, where the value is often code or prose.
 */
const LIGHT: RegExp[] = [
  /x{5,}/i, // xxxxx, XXXXX
  /\*{3,}/, // masked
  /\.{3}|…/, // elided
  /\$\{|\{\{|<%|%\(|#\{/, // ${ENV}, {{ var }}, <%= %>, %(name)s, #{ruby}
  /\{[A-Za-z0-9_]*(?::\d+)?\}/, // {name}, {0}, {a62:16}: format-string and sample placeholders
  /<[a-z_ -]+>/i, // <your-token>
  /^<.*>$/, // <anything in angle brackets>
  /^\$[A-Z_][A-Z0-9_]*$|^%[A-Z_][A-Z0-9_]*%$/, // $ENV_VAR, %ENV%
  /your[_-]?(?:api|secret|token|key|password|access|own|app|client)|replace[_-]?me|change[_-]?me|insert[_-]?(?:your|key|here)|put[_-]?your/i,
  /placeholder|redacted|dummy|not[_-]?a[_-]?real|fake[_-]?(?:key|token|secret)/i,
  /^(.)\1+$/, // one repeated character
];

/** A run of this many successive characters (abcdefg, lmnopqr, 3456789): typed by hand, never generated. */
const RUN = 7;

function hasAscendingRun(value: string): boolean {
  let run = 1;
  for (let i = 1; i < value.length; i++) {
    const c = value.charCodeAt(i);
    const alnum = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    run = alnum && c === value.charCodeAt(i - 1) + 1 ? run + 1 : 1;
    if (run >= RUN) return true;
  }
  return false;
}

const STRICT: RegExp[] = [
  ...LIGHT,
  /^(?:true|false|null|nil|none|undefined|yes|no|on|off|required|optional|string|number|boolean|secret|password|token|empty)$/i,
  /^(?:process\.env|os\.environ|env\.|environ|getenv|config\.|settings\.|self\.|this\.|params\.|options\.|opts\.|args\.|req\.|request\.|ENV\[)/,
  /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+$/, // a.b.c member access
  /^[a-z]+(?:[A-Z][a-z]{2,})+$/, // camelCaseIdentifier, kConstantName (with digits at the end it is a password: mySecret789)
  /^[!?&|<>]|<[^>]*>|\?\./, // operators, type arguments, optional chaining: code, not a value
  /[^\x21-\x7e]/, // spaces or non-ASCII: prose or another alphabet, not a generated secret
  /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/, // CONSTANT_NAME
  /^[a-z0-9]+(?:[_-][a-z0-9]+)+$/, // snake_case or kebab-case words
  /\(|\)|\[|\]/, // a call or an index: code, not a literal
  /^(?:sha\d+|md5|bcrypt|argon2|pbkdf2|scrypt)[:$-]/i, // hashed, not a secret
  /^\$2[aby]?\$\d\d\$|^\$argon2/, // password hashes
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, // a bare UUID is an id, not a secret
  /^(?:https?|ftp|file):\/\//i,
  /^[./~]|\/[\w.-]+\/|^[\w.-]+(?:\/[\w.-]+)+\.[a-z]{1,5}$/, // paths: ./x, a/b/c, bin/tool.js
  // A common word alone or with a trivial suffix (password1, test_123, secret-here); a real password may start with one.
  /^(?:example|sample|test|testing|demo|secret|password|passw0rd|letmein|qwerty)(?:[_-]?(?:\d{1,4}|here|value|key|token|pass(?:word)?))?[!.]?$/i,
  /example|sample|lorem|ipsum|fixture|mock/i,
  /^(?:[a-z]+|[A-Z][a-z]+|[A-Z]+)$/, // a single word
  /^(?:[A-Z][a-z]{2,}){2,}$|^[A-Z]+[a-z]+(?:[A-Z][a-z]+)+$/, // PascalCaseWords, TSPrivateKeyword
  /^[A-Za-z][a-z]*(?:-[A-Za-z][a-z]*)+$/, // Header-Like-Names
  /^\d+$/, // a number
];

export function looksLikePlaceholder(value: string, level: 'strict' | 'light'): boolean {
  if (hasAscendingRun(value)) return true;
  for (const re of level === 'strict' ? STRICT : LIGHT) if (re.test(value)) return true;
  return false;
}
