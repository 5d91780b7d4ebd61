import type { Finding, Severity } from '../../core/result.js';

/**
 * One accepted risk: which findings it covers, why, who owns it and until when. An expired
 * suppression stops hiding its findings; they come back flagged with `suppressionExpired`.
 */
export interface Suppression {
  /** Rule id or advisory id/alias ("deps.GHSA-...", "CVE-2021-23337", "sast.*"); `*` matches any run of characters. */
  readonly id?: string;
  /** Exact fingerprint of one finding. */
  readonly fingerprint?: string;
  /** Glob (picomatch) on the finding's file, relative to the scanned folder; URL findings never match a path. */
  readonly path?: string;
  readonly reason: string;
  readonly owner: string;
  /** Last day (YYYY-MM-DD, UTC) the suppression holds; from the next day the findings are back. */
  readonly expires: string;
  /** CycloneDX impact analysis for the SBOM (`in_triage` when not given). */
  readonly state?: 'not_affected' | 'false_positive' | 'exploitable' | 'in_triage' | 'resolved';
  readonly justification?: string;
  readonly response?: readonly string[];
}

/** Days to fix an open finding, per severity; a severity left out gets no due date. */
export type SlaPolicy = Readonly<Partial<Record<Severity, number>>>;

/** The issue-6 defaults: critical 1 day, high 7 days, medium 30 days. */
export const DEFAULT_SLA: SlaPolicy = { critical: 1, high: 7, medium: 30 };

export type Likelihood = NonNullable<Finding['likelihood']>;
export type Priority = NonNullable<Finding['priority']>;

export interface RegisterPolicy {
  readonly suppressions?: readonly Suppression[];
  /** Merged over DEFAULT_SLA. */
  readonly sla?: SlaPolicy;
  /**
   * When each fingerprint was first seen (YYYY-MM-DD); due dates count from there. A finding not
   * listed counts from `today`.
   */
  readonly firstSeen?: ReadonlyMap<string, string>;
  /** Append "[P1, due ...]" and expiry notes to messages so every reporter shows them (default true). */
  readonly annotate?: boolean;
}

export interface SuppressedFinding {
  readonly finding: Finding;
  readonly suppression: Suppression;
}

export interface RegisterOutcome {
  /** Findings still open (including those whose suppression expired), with priority and due date set. */
  readonly open: Finding[];
  /** Findings hidden by a suppression that still holds. */
  readonly suppressed: SuppressedFinding[];
  /** Suppressions past their expiry date (whether or not a finding matched them). */
  readonly expiredSuppressions: Suppression[];
  /** Suppressions that matched no finding: candidates for removal from the config. */
  readonly unusedSuppressions: Suppression[];
}
