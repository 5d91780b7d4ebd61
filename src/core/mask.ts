/**
 * Secret masking shared by every output (table, JSON, SARIF, hook messages, errors) and by the probes.
 *
 *   maskSecret(s)           at most the first 4 characters, then a fixed mask; the mask never depends on the
 *                           length, so the output leaks neither the rest nor how long the secret is. Short
 *                           values show fewer characters (a quarter of the length, rounded down).
 *   maskIn(text, secrets)   every occurrence of each secret in text replaced by its mask.
 */
export const MASK = '****';

export function maskSecret(s: string): string {
  const shown = Math.min(4, Math.floor(s.length / 4));
  return s.slice(0, shown) + MASK;
}

export function maskIn(text: string, secrets: Iterable<string>): string {
  // Longest first, so a secret that contains another is masked as a whole.
  const list = [...new Set(secrets)].filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
  let out = text;
  for (const s of list) out = out.split(s).join(maskSecret(s));
  return out;
}

/** A connection URL with its password (in the user part, or a `password=` parameter) replaced by the mask. */
export function maskUrlPassword(url: string): string {
  return url.replace(/^([a-z][\w+.-]*:\/\/[^:@/?#]*:)[^@/?#]*@/i, `$1${MASK}@`).replace(/([?&]password=)[^&#]*/gi, `$1${MASK}`);
}
