import { didYouMean } from '../core/did-you-mean.js';
import { UsageError } from '../core/errors.js';
import type { ProbeCheck } from './check.js';
import { authBruteforce } from './checks/auth.bruteforce.js';
import { authRequired } from './checks/auth.required.js';
import { authTamper } from './checks/auth.tamper.js';
import { cookiesFlags } from './checks/cookies.flags.js';
import { corsPolicy } from './checks/cors.policy.js';
import { disclosureBanner } from './checks/disclosure.banner.js';
import { disclosureErrors } from './checks/disclosure.errors.js';
import { exposureFiles } from './checks/exposure.files.js';
import { headersCacheControl } from './checks/headers.cache-control.js';
import { headersContentTypeOptions } from './checks/headers.content-type-options.js';
import { headersCsp } from './checks/headers.csp.js';
import { headersFrameOptions } from './checks/headers.frame-options.js';
import { headersHsts } from './checks/headers.hsts.js';
import { headersObservatory } from './checks/headers.observatory.js';
import { headersPermissionsPolicy } from './checks/headers.permissions-policy.js';
import { headersReferrerPolicy } from './checks/headers.referrer-policy.js';
import { methodsTrace } from './checks/methods.trace.js';
import { passivePages } from './checks/passive.pages.js';
import { ratelimit } from './checks/ratelimit.js';
import { ssrf } from './checks/ssrf.js';
import { tlsCertificate } from './checks/tls.certificate.js';
import { tlsCiphers } from './checks/tls.ciphers.js';
import { tlsProtocols } from './checks/tls.protocols.js';
import { tlsRedirect } from './checks/tls.redirect.js';
import { wafMatrix } from './checks/waf.matrix.js';
import { wafSqli } from './checks/waf.sqli.js';
import { wafXss } from './checks/waf.xss.js';

/**
 * Every probe check, in the order they run: passive reads first, then active probes, and last the
 * checks that trip defences (login lockout, rate limit) so they cannot spoil the others.
 */
export const CHECKS: readonly ProbeCheck[] = [
  tlsProtocols,
  tlsCiphers,
  tlsCertificate,
  tlsRedirect,
  headersHsts,
  headersCsp,
  headersContentTypeOptions,
  headersFrameOptions,
  headersReferrerPolicy,
  headersPermissionsPolicy,
  headersCacheControl,
  headersObservatory,
  cookiesFlags,
  corsPolicy,
  passivePages,
  methodsTrace,
  disclosureBanner,
  disclosureErrors,
  exposureFiles,
  authRequired,
  authTamper,
  ssrf,
  wafSqli,
  wafXss,
  wafMatrix,
  authBruteforce,
  ratelimit,
];

export const CHECK_IDS = CHECKS.map((c) => c.id);

/** Checks named by id or by prefix ("headers", "tls", "auth"); an unknown name is a usage error with a suggestion. */
export function selectChecks(names: readonly string[] | undefined, where = '--checks'): ProbeCheck[] {
  if (!names || names.length === 0) return [...CHECKS];
  const picked = new Set<ProbeCheck>();
  for (const raw of names) {
    const name = raw.trim();
    const hits = CHECKS.filter((c) => c.id === name || c.id.startsWith(`${name}.`));
    if (hits.length === 0) {
      const prefixes = [...new Set(CHECK_IDS.map((id) => id.split('.')[0]!))];
      const guess = didYouMean(name, [...CHECK_IDS, ...prefixes]);
      throw new UsageError(`unknown probe check "${name}"`, { where, hint: guess ? `did you mean "${guess}"? See docs/probe.md for the list.` : `valid checks: ${CHECK_IDS.join(', ')}` });
    }
    hits.forEach((h) => picked.add(h));
  }
  return CHECKS.filter((c) => picked.has(c));
}
