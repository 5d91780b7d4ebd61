/**
 * The one result model every capability produces and every reporter reads.
 * Scanners, probes and the docs check emit Findings; load tests emit a LoadResult;
 * both roll up into CheckResults, which a Report carries to the reporters.
 */
import type { PartName } from './part-catalogue.js';

export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Numeric rank so "at or above the fail level" is a comparison. */
export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

export function atOrAbove(s: Severity, level: Severity): boolean {
  return severityRank(s) >= severityRank(level);
}

export type Location =
  | { file: string; line?: number; column?: number; endLine?: number }
  | { url: string; method?: string };

export interface Finding {
  /** Stable rule or check id, e.g. "secrets.aws-access-key" or "headers.hsts". */
  ruleId: string;
  severity: Severity;
  message: string;
  location: Location;
  /** Stable across runs for the same issue in the same place; baselines and compare key on it. */
  fingerprint: string;
  /** Optional help for the reader: how to fix it. */
  remediation?: string;
  /** Other names for what was found (advisory id, CVE/GHSA aliases); suppressions match on them too. */
  aliases?: string[];
  /** How likely exploitation is: one axis of the risk matrix (docs/remediation.md); medium when unset. */
  likelihood?: 'low' | 'medium' | 'high';
  /** Remediation priority from the risk matrix (severity x likelihood), P1 first. Set by the register. */
  priority?: 'P1' | 'P2' | 'P3' | 'P4';
  /** Fix-by date (YYYY-MM-DD) from the severity SLA. Set by the register on open findings. */
  due?: string;
  /** Set when a suppression for this finding has expired: the finding is back and says so. */
  suppressionExpired?: { reason: string; owner: string; expires: string };
  /** Secrets: the secret was found after decoding its value (docs/secrets.md#decoding). */
  decoded?: 'base64' | 'url' | 'json-string';
  /** Secrets with --verify: what the provider's identity endpoint said of the credential (docs/secrets.md#verification). */
  verified?: true | false | 'error';
}

export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip';

export interface CheckRefs {
  owasp?: string[];
  cwe?: string[];
  soc2?: string[];
  iso27001?: string[];
}

export interface CheckResult {
  /** Stable id other tools read, e.g. "load.threshold" or "waf.sqli". */
  id: string;
  title: string;
  /** Launch-review category: Infrastructure, Security, Monitoring, Performance, Documentation. */
  category: string;
  status: CheckStatus;
  /** Human-readable proof: what was measured or seen. Secrets must already be masked. */
  evidence: string;
  refs?: CheckRefs;
  findings?: Finding[];
  remediation?: string;
  /**
   * What the check stands for, when a rule treats it specially: a load threshold, or a checklist item.
   * Set by whoever makes the check, so nothing has to guess it from the id. Not written to reports.
   */
  role?: CheckRole;
  /** The part that produced the check (set by the part loop, run/run-parts.ts). Not written to reports. */
  part?: PartName;
}

export type CheckRole = 'threshold' | 'checklist';

/** What reporters receive: one tool run's checks (and the findings inside them). */
export interface Report {
  tool: { name: string; version: string };
  /** The command that produced the report, e.g. "load" or "scan secrets". */
  command: string;
  startedAt: string;
  finishedAt: string;
  checks: CheckResult[];
}

export function allFindings(report: Report): Finding[] {
  return report.checks.flatMap((c) => c.findings ?? []);
}
