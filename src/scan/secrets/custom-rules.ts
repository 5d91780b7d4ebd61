import type { CustomSecretRuleConfig } from '../../core/config/scan-secrets-section.js';
import type { SecretRule } from './rule.js';

const REMEDIATION = 'Revoke and rotate this credential, then load it from the environment or a secret manager instead of the source.';

/**
 * `scan.secrets.custom` as rules the engine runs beside the built-in ones (the config schema has already checked
 * that every expression compiles). A rule without keywords runs on all text: slower, so keywords are advised.
 */
export function customSecretRules(list: readonly CustomSecretRuleConfig[] | undefined): SecretRule[] {
  return (list ?? []).map((c) => {
    const allow = (c.allow ?? []).map((a) => new RegExp(a));
    return Object.freeze({
      id: c.id,
      title: c.title ?? `Custom secret (${c.id.slice('secrets.custom.'.length)})`,
      keywords: Object.freeze((c.keywords ?? []).map((k) => k.toLowerCase())),
      regex: new RegExp(c.regex, 'gm'),
      ...(c.entropy !== undefined ? { entropy: c.entropy } : {}),
      severity: c.severity ?? 'high',
      cwe: 'CWE-798' as const,
      remediation: c.remediation ?? REMEDIATION,
      placeholders: 'light' as const,
      ...(allow.length > 0 ? { validate: (secret: string) => !allow.some((a) => a.test(secret)) } : {}),
      samples: Object.freeze({ tp: Object.freeze([]), fp: Object.freeze([]) }),
    });
  });
}
