import cvss from 'ae-cvss-calculator';
import type { Severity } from '../../../core/result.js';
import type { OsvRecord, OsvSeverity } from './record.js';

export interface AdvisorySeverity {
  severity: Severity;
  /** CVSS base score when a vector was scored. */
  score?: number;
  /** CVSS major version of that score (a v2 score is graded on the v2 scale). */
  cvssVersion?: 2 | 3 | 4;
  /** Where it came from: "CVSS:3.1/AV:N/..." or "database_specific: HIGH" or "unscored". */
  source: string;
}

// Shape checks before scoring: the calculator throws a TypeError on garbage, we want "unscored".
const V2 = /^(AV:[LAN]\/AC:[HML]\/Au:[MSN]\/C:[NPC]\/I:[NPC]\/A:[NPC])(\/.*)?$/;
const V3 = /^CVSS:3\.[01]\/(?=.*AV:[NALP])(?=.*AC:[LH])(?=.*PR:[NLH])(?=.*UI:[NR])(?=.*S:[UC])(?=.*C:[NLH])(?=.*I:[NLH])(?=.*A:[NLH])[A-Z]+:[A-Z](\/[A-Za-z]+:[A-Za-z])*$/;
const V4 = /^CVSS:4\.0\/(?=.*AV:[NALP])(?=.*AC:[LH])(?=.*AT:[NP])(?=.*PR:[NLH])(?=.*UI:[NPA])(?=.*VC:[HLN])(?=.*VI:[HLN])(?=.*VA:[HLN])(?=.*SC:[HLN])(?=.*SI:[HLN])(?=.*SA:[HLN])[A-Z]+:[A-Z](\/[A-Za-z]+:[A-Za-z])*$/;

/** A scored vector: its base score and the CVSS major version, whose qualitative scale grades it. */
export interface CvssScore {
  score: number;
  version: 2 | 3 | 4;
}

/** Base score and version of one vector (v2, v3.0, v3.1, v4.0), or undefined when it is not a valid vector. */
export function scoreVector(type: string, vector: string): CvssScore | undefined {
  const v = vector.trim();
  try {
    if ((type === 'CVSS_V4' || v.startsWith('CVSS:4.0/')) && V4.test(v)) return scored(new cvss.Cvss4P0(v).calculateScores().base, 4);
    if ((type === 'CVSS_V3' || v.startsWith('CVSS:3')) && V3.test(v)) {
      return scored((v.startsWith('CVSS:3.0/') ? new cvss.Cvss3P0(v) : new cvss.Cvss3P1(v)).calculateScores().base, 3);
    }
    if (type === 'CVSS_V2' && V2.test(v)) return scored(new cvss.Cvss2(v).calculateScores().base, 2);
  } catch {
    return undefined;
  }
  return undefined;
}

function scored(score: number | undefined, version: CvssScore['version']): CvssScore | undefined {
  return typeof score === 'number' && Number.isFinite(score) ? { score, version } : undefined;
}

/** CVSS base score of one vector (v2, v3.0, v3.1, v4.0), or undefined when it is not a valid vector. */
export function cvssBaseScore(type: string, vector: string): number | undefined {
  return scoreVector(type, vector)?.score;
}

/** The CVSS v3/v4 qualitative scale: 0 none, 0.1-3.9 low, 4.0-6.9 medium, 7.0-8.9 high, 9.0-10 critical. */
export function severityOfScore(score: number): Severity {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return 'info';
}

/**
 * The CVSS v2 scale (NVD): 0.0-3.9 low, 4.0-6.9 medium, 7.0-10.0 high. v2 has no critical and no none:
 * a v2 10.0 (AV:N/AC:L/Au:N/C:C/I:C/A:C) is high, graded on the scale it was scored for.
 */
export function severityOfV2Score(score: number): Severity {
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  return 'low';
}

const WORDS: Record<string, Severity> = { critical: 'critical', high: 'high', moderate: 'medium', medium: 'medium', low: 'low', none: 'info', info: 'info' };
// Newest CVSS version first: v4 is the most precise when a record carries several.
const PREFERENCE = ['CVSS_V4', 'CVSS_V3', 'CVSS_V2'];

/**
 * Severity of an advisory: from its CVSS vectors when present (newest version scored, graded on that
 * version's scale), else the database's own word (GHSA's `database_specific.severity`: LOW / MODERATE /
 * HIGH / CRITICAL), else `fallback` (config `scan.deps.unscoredSeverity`).
 */
export function advisorySeverity(record: OsvRecord, fallback: Severity): AdvisorySeverity {
  const vectors: OsvSeverity[] = [...(record.severity ?? []), ...(record.affected ?? []).flatMap((a) => a.severity ?? [])];
  vectors.sort((a, b) => rank(a.type) - rank(b.type));
  for (const s of vectors) {
    if (typeof s.score !== 'string') continue;
    const scored = scoreVector(s.type, s.score);
    if (scored) {
      const severity = scored.version === 2 ? severityOfV2Score(scored.score) : severityOfScore(scored.score);
      return { severity, score: scored.score, cvssVersion: scored.version, source: s.score };
    }
  }
  const words = [record.database_specific?.severity, ...(record.affected ?? []).flatMap((a) => [a.database_specific?.severity, a.ecosystem_specific?.severity])];
  for (const w of words) {
    if (typeof w === 'string' && WORDS[w.toLowerCase()]) return { severity: WORDS[w.toLowerCase()]!, source: `database_specific: ${w}` };
  }
  return { severity: fallback, source: 'unscored' };
}

function rank(type: string): number {
  const i = PREFERENCE.indexOf(type);
  return i < 0 ? PREFERENCE.length : i;
}
