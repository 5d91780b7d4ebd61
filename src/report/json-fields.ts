import type { CheckResult, Finding, Location } from '../core/result.js';

/**
 * JSON shapes shared by report.json of a scan (gonogo/report@1) and of a run (gonogo/run-report@1).
 * Built key by key (never spread from the input) so key order is stable and nothing internal leaks;
 * optional fields are `null` rather than missing so every entry has the same keys.
 */
/** The keys every check starts with, in both report shapes. */
export function checkHeadJson(c: CheckResult) {
  return { id: c.id, title: c.title, category: c.category, status: c.status, evidence: c.evidence };
}

export function refsJson(c: CheckResult) {
  return { owasp: c.refs?.owasp ?? [], cwe: c.refs?.cwe ?? [], soc2: c.refs?.soc2 ?? [], iso27001: c.refs?.iso27001 ?? [] };
}

export function findingJson(f: Finding) {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    location: locationJson(f.location),
    fingerprint: f.fingerprint,
    // Secrets only, and only when set (docs/secrets.md): absent rather than null so other findings keep their shape.
    ...(f.decoded !== undefined ? { decoded: f.decoded } : {}),
    ...(f.verified !== undefined ? { verified: f.verified } : {}),
  };
}

export function locationJson(loc: Location) {
  if ('url' in loc) return { url: loc.url, method: loc.method ?? null };
  return { file: loc.file, line: loc.line ?? null };
}
