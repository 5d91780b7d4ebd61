import { createHash } from 'node:crypto';
import { maskSecret } from '../../core/mask.js';
import { atOrAbove, type CheckResult, type Finding, type Severity } from '../../core/result.js';
import type { AllowDecision } from '../inline-allow.js';
import type { Decoding } from './decode.js';
import { isDocumentationExample } from './examples.js';
import type { SecretRule } from './rule.js';

/** One secret found in one place, before masking; never leaves the scanner in this form. */
export interface SecretHit {
  rule: SecretRule;
  secret: string;
  /** Posix path relative to the scan root (or the repository root for git sources); "<stdin>" for stdin. */
  file: string;
  line: number;
  commit?: string;
  allow: AllowDecision;
  decoded?: Decoding;
  /** Set by --verify (verify.ts). */
  verified?: true | false | 'error';
}

/**
 * Stable across runs and across sources (directory, --staged, --git): rule + file + the secret itself, hashed.
 * Line numbers are left out so a baseline survives edits above the secret.
 */
export function fingerprintOf(ruleId: string, file: string, secret: string): string {
  return createHash('sha256').update(`${ruleId}\0${file}\0${secret}`).digest('hex').slice(0, 32);
}

export function severityOf(hit: SecretHit): Severity {
  return isDocumentationExample(hit.secret) ? 'low' : hit.rule.severity;
}

/** The reportable finding, secret masked unless `mask` is false; undefined when an inline allow suppresses it. */
export function toFinding(hit: SecretHit, mask: boolean): Finding | undefined {
  if (hit.allow.status === 'allowed') return undefined;
  const shown = mask ? maskSecret(firstLine(hit.secret)) : hit.secret;
  const notes: string[] = [];
  if (isDocumentationExample(hit.secret)) notes.push('documentation example key, reported at low severity');
  if (hit.commit) notes.push(`commit ${hit.commit.slice(0, 12)}`);
  if (hit.decoded) notes.push(`found in a ${hit.decoded === 'json-string' ? 'escaped JSON string' : `${hit.decoded}-encoded value`}`);
  if (hit.verified !== undefined) notes.push(hit.verified === true ? 'verified live by the provider' : hit.verified === false ? 'rejected by the provider' : 'verification failed');
  if (hit.allow.status === 'expired' || hit.allow.status === 'invalid') notes.push(hit.allow.note);
  return {
    ruleId: hit.rule.id,
    severity: severityOf(hit),
    message: `${hit.rule.title}: ${shown}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`,
    location: { file: hit.file, line: hit.line },
    fingerprint: fingerprintOf(hit.rule.id, hit.file, hit.secret),
    remediation: hit.rule.remediation,
    ...(hit.decoded ? { decoded: hit.decoded } : {}),
    ...(hit.verified !== undefined ? { verified: hit.verified } : {}),
  };
}

function firstLine(s: string): string {
  const i = s.indexOf('\n');
  return i === -1 ? s : s.slice(0, i);
}

export interface SecretsSummary {
  files: number;
  bytes: number;
  baselined: number;
  allowed: number;
  skipped: number;
  /** The register's line: "2 suppressed, 1 overdue" (empty when it has nothing to say). */
  register?: string;
}

/** One check for the report over the open findings: fail at or above failOn, warn below it, pass when nothing new is open. */
export function secretsCheck(findings: Finding[], s: SecretsSummary, failOn: Severity): CheckResult {
  const failing = findings.some((f) => atOrAbove(f.severity, failOn));
  const known = s.baselined > 0 ? `${s.baselined} known in baseline` : '';
  const allowed = s.allowed > 0 ? `${s.allowed} allowed inline` : '';
  const scanned = `${s.files} file${s.files === 1 ? '' : 's'} scanned`;
  const extra = [known, s.register ?? '', allowed, scanned, s.skipped > 0 ? `${s.skipped} skipped` : ''].filter((x) => x !== '').join('; ');
  const evidence = findings.length === 0 ? `no new secrets; ${extra}` : `${findings.length} secret${findings.length === 1 ? '' : 's'} found; ${extra}`;
  return {
    id: 'secrets',
    title: 'No secrets in code',
    category: 'Security',
    status: failing ? 'fail' : findings.length > 0 ? 'warn' : 'pass',
    evidence,
    refs: { owasp: ['A07:2021'], cwe: ['CWE-798'], soc2: ['CC6.1'], iso27001: ['A.8.24'] },
    findings,
    remediation: 'Revoke and rotate each secret, remove it from the code (and from history if it was pushed), and load it at run time instead.',
  };
}
