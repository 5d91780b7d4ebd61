import cvss from 'ae-cvss-calculator';
import type { Severity } from '../../../core/result.js';
import type { OsvRecord, OsvSeverity } from './record.js';

export interface AdvisorySeverity {
  severity: Severity;
  /** CVSS base score when a vector was scored. */
  score?: number;
  /** Where it came from: "CVSS:3.1/AV:N/..." or "database_specific: HIGH" or "unscored". */
  source: string;
}

// Shape checks before scoring: the calculator throws a TypeError on garbage, we want "unscored".
const V2 = /^(AV:[LAN]\/AC:[HML]\/Au:[MSN]\/C:[NPC]\/I:[NPC]\/A:[NPC])(\/.*)?$/;
const V3 = /^CVSS:3\.[01]\/(?=.*AV:[NALP])(?=.*AC:[LH])(?=.*PR:[NLH])(?=.*UI:[NR])(?=.*S:[UC])(?=.*C:[NLH])(?=.*I:[NLH])(?=.*A:[NLH])[A-Z]+:[A-Z](\/[A-Za-z]+:[A-Za-z])*$/;
const V4 = /^CVSS:4\.0\/(?=.*AV:[NALP])(?=.*AC:[LH])(?=.*AT:[NP])(?=.*PR:[NLH])(?=.*UI:[NPA])(?=.*VC:[HLN])(?=.*VI:[HLN])(?=.*VA:[HLN])(?=.*SC:[HLN])(?=.*SI:[HLN])(?=.*SA:[HLN])[A-Z]+:[A-Z](\/[A-Za-z]+:[A-Za-z])*$/;

/** CVSS base score of one vector (v2, v3.0, v3.1, v4.0), or undefined when it is not a valid vector. */
export function cvssBaseScore(type: string, vector: string): number | undefined {
  const v = vector.trim();
  try {
    if ((type === 'CVSS_V4' || v.startsWith('CVSS:4.0/')) && V4.test(v)) return new cvss.Cvss4P0(v).calculateScores().base;
    if ((type === 'CVSS_V3' || v.startsWith('CVSS:3')) && V3.test(v)) {
      const score = (v.startsWith('CVSS:3.0/') ? new cvss.Cvss3P0(v) : new cvss.Cvss3P1(v)).calculateScores().base;
      return typeof score === 'number' && Number.isFinite(score) ? score : undefined;
    }
    if (type === 'CVSS_V2' && V2.test(v)) return new cvss.Cvss2(v).calculateScores().base;
  } catch {
    return undefined;
  }
  return undefined;
}

/** The CVSS qualitative scale (v3/v4): 0 none, 0.1-3.9 low, 4.0-6.9 medium, 7.0-8.9 high, 9.0-10 critical. */
export function severityOfScore(score: number): Severity {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return 'info';
}

const WORDS: Record<string, Severity> = { critical: 'critical', high: 'high', moderate: 'medium', medium: 'medium', low: 'low', none: 'info', info: 'info' };
// Newest CVSS version first: v4 is the most precise when a record carries several.
const PREFERENCE = ['CVSS_V4', 'CVSS_V3', 'CVSS_V2'];

/**
 * Severity of an advisory: from its CVSS vectors when present (newest version scored), else the
 * database's own word (GHSA's `database_specific.severity`: LOW / MODERATE / HIGH / CRITICAL),
 * else `fallback` (config `scan.deps.unscoredSeverity`).
 */
export function advisorySeverity(record: OsvRecord, fallback: Severity): AdvisorySeverity {
  const vectors: OsvSeverity[] = [...(record.severity ?? []), ...(record.affected ?? []).flatMap((a) => a.severity ?? [])];
  vectors.sort((a, b) => rank(a.type) - rank(b.type));
  for (const s of vectors) {
    if (typeof s.score !== 'string') continue;
    const score = cvssBaseScore(s.type, s.score);
    if (score !== undefined) return { severity: severityOfScore(score), score, source: s.score };
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
