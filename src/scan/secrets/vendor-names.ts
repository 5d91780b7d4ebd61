/**
 * Vendor names that rules look for next to a value (`assigned()` in rule.ts registers them as the rules are built),
 * each with a loose form of the vendor's secret: the same pattern, any case, as a prefix. A generic rule that finds
 * `meraki_token = <value>` defers to the Meraki rule: when the value is a near miss of Meraki's format (the right
 * shape in the wrong case; for a hex format, a well-formed key with letters and digits run on) the vendor rule
 * rejected a malformed key, and the generic rule stays silent too. A looser near miss (any value that starts with
 * 32 characters of `[A-Za-z0-9_-]`) would swallow other credentials of the same vendor, so it is not used. Values of another shape under a vendor's name (an Azure client secret beside the Azure storage-key
 * rule) are still the generic rules' to report.
 */
interface VendorForm {
  readonly names: readonly string[];
  /** The near-miss pattern's source, compiled on first use (start-up pays nothing for ~100 vendor forms). */
  readonly source: string;
  nearMiss?: RegExp;
}

const FORMS: VendorForm[] = [];
/** Names that are generic words, not vendors (`token`, `secret_access_key`, `sessionToken`): never deferred on. */
const GENERIC_NAME = /^(?:token|secret|key|access|session|security|api|storage|account|private|public|app|auth)+$/;
const normalise = (s: string) => s.toLowerCase().replace(/[-_.]/g, '');

export function registerVendorForm(identifiers: readonly string[], secret: string): void {
  const names = identifiers.map(normalise).filter((n) => n.length >= 3 && !GENERIC_NAME.test(n));
  if (names.length === 0) return;
  const hex = /^\[(?:a-f0-9|0-9a-f)\]\{(\d+)\}$/.exec(secret);
  FORMS.push({ names, source: hex ? `^[0-9a-f]{${hex[1]}}[A-Za-z0-9]*$` : `^(?:${secret})$` });
}

const IDENT = /[A-Za-z0-9_.-]/;

/**
 * Whether the generic match starting at `at` in `text` (at the generic keyword, e.g. "token") names a vendor whose
 * secret format the value nearly fits: the identifier around the keyword is read back to its start.
 */
export function deferredToVendor(text: string, at: number, secret: string): boolean {
  let start = at;
  while (start > 0 && at - start < 60 && IDENT.test(text[start - 1]!)) start--;
  let end = at;
  while (end < text.length && end - at < 60 && IDENT.test(text[end]!)) end++;
  const name = normalise(text.slice(start, end));
  for (const f of FORMS) if (f.names.some((n) => name.includes(n)) && (f.nearMiss ??= new RegExp(f.source, 'i')).test(secret)) return true;
  return false;
}
