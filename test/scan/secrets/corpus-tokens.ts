/**
 * Fake credentials for the realistic corpus (test/fixtures/secrets/corpus), made at test time so that no
 * secret-shaped literal sits in the repository (push protection, and our own scanner, stay quiet). They are
 * built here from a fixed-seed generator, independently of the rules' own samples: each has the vendor's shape
 * (prefix, length, alphabet) and nothing else, and none was ever issued.
 */

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const BASE32_UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const BASE64 = `${ALNUM}+/`;
const DIGITS = '0123456789';

/** Deterministic (mulberry32), so a failure names the same token on every run. */
function generator(seed: number): (alphabet: string, n: number) => string {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return (alphabet, n) => Array.from({ length: n }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
}

/** The values the corpus's `${{NAME}}` markers stand for. Prefixes are split so they never appear whole here. */
export function corpusTokens(seed = 20261204): Record<string, string> {
  const g = generator(seed);
  return {
    PG_PASSWORD: `Fake${g(ALNUM, 16)}`,
    STRIPE_LIVE: `${'sk_'}${'live_'}Fake${g(ALNUM, 28)}`,
    SLACK_BOT: `${'xo'}${'xb-'}${g(DIGITS, 12)}-${g(DIGITS, 13)}-Fake${g(ALNUM, 20)}`,
    AWS_KEY_ID: `${'AK'}${'IA'}${g(BASE32_UPPER, 16)}`,
    AWS_SECRET: g(BASE64, 40),
    SMTP_PASSWORD: `Fake-${g(ALNUM, 14)}`,
    GITHUB_PAT: `${'gh'}${'p_'}Fake${g(ALNUM, 32)}`,
    BEARER: `fake${g(ALNUM, 36)}`,
    OPENAI: `${'sk-'}${'proj-'}Fake${g(ALNUM, 44)}T3Blbk${'FJ'}${g(ALNUM, 40)}`,
    K8S_DB_PASSWORD: `Fake${g(ALNUM, 18)}`,
    MYSQL_PASSWORD: `Fake${g(ALNUM, 16)}`,
    NPM_TOKEN: `${'np'}${'m_'}Fake${g(ALNUM, 32)}`,
    CI_PASSWORD: `Fake${g(ALNUM, 16)}`,
  };
}
