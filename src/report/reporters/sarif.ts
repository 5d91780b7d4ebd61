import { severityRank, type CheckResult, type Finding, type Report, type Severity } from '../../core/result.js';
import type { Reporter, ReporterOptions } from '../reporter.js';
import { fileArtifact, sarifLocation, type SarifLocation } from './sarif-location.js';
import { fitGithubLimits, type SarifInvocation } from './sarif-limits.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** Key under partialFingerprints; bump the suffix if Finding.fingerprint ever changes meaning. */
export const FINGERPRINT_KEY = 'gonogo/v1';
export const GONOGO_INFORMATION_URI = 'https://www.npmjs.com/package/gonogo';
const DEFAULT_CONFIG_FILE = 'gonogo.config.yaml';
// GitHub rejects a rule with more than 20 tags.
const MAX_TAGS = 20;

type Level = 'error' | 'warning' | 'note';
const LEVEL: Record<Severity, Level> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };
const LEVEL_RANK: Record<Level, number> = { note: 0, warning: 1, error: 2 };
// GitHub code scanning ranks security alerts by this CVSS-like score (critical > 9, high 7-8.9, ...).
const SECURITY_SEVERITY: Record<Severity, string | undefined> = {
  critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: undefined,
};

/** One thing to report: a finding, or a failing/warning check that has no findings to speak for it. */
interface Entry {
  ruleId: string;
  check: CheckResult;
  finding?: Finding;
  level: Level;
  /** For ordering when GitHub's limits force us to drop results: worst first. */
  rank: number;
}

/** SARIF 2.1.0 for GitHub code scanning and other CI dashboards: one run, one rule per ruleId. */
export const sarif: Reporter = (report, options) => [...sarifChunks(report, options)].join('');

/**
 * The same text as `sarif`, in pieces (one per result): `gonogo docs --format sarif` writes tens of thousands of
 * results without holding the whole log, or every result object, at once.
 */
export function* sarifChunks(report: Report, options: ReporterOptions, limits?: { maxResults: number; maxBytes: number }): Generator<string> {
  const entries = collectEntries(report);
  const rules = buildRules(entries);
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const anchor = fileArtifact(options.configFile ?? DEFAULT_CONFIG_FILE);
  const result = (i: number) => buildResult(entries[i]!, ruleIndex.get(entries[i]!.ruleId)!, anchor);

  const invocation: SarifInvocation = { executionSuccessful: true, ...timestamps(report) };
  const run = {
    tool: {
      driver: {
        name: report.tool.name,
        fullName: `${report.tool.name} ${report.tool.version}`,
        version: report.tool.version,
        informationUri: GONOGO_INFORMATION_URI,
        rules,
      },
    },
    // GitHub's "category": keeps `scan` and `probe` uploads for one commit from replacing each other.
    automationDetails: { id: `${report.tool.name}/${slug(report.command)}/` },
    invocations: [invocation],
    columnKind: 'utf16CodeUnits',
    // Filled in result by result (sarif-limits.ts).
    results: [],
  };
  const log = { $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] };
  yield* fitGithubLimits(log, invocation, entries.map((e) => e.rank), result, limits);
}

function collectEntries(report: Report): Entry[] {
  const entries: Entry[] = [];
  for (const check of report.checks) {
    for (const finding of check.findings ?? []) {
      const level = LEVEL[finding.severity];
      entries.push({ ruleId: finding.ruleId, check, finding, level, rank: severityRank(finding.severity) });
    }
    // A failed load threshold has no Finding, but it must still show up in code scanning.
    if ((check.findings ?? []).length === 0 && (check.status === 'fail' || check.status === 'warn')) {
      const fail = check.status === 'fail';
      entries.push({ ruleId: check.id, check, level: fail ? 'error' : 'warning', rank: severityRank(fail ? 'high' : 'medium') });
    }
  }
  return entries;
}

function buildRules(entries: Entry[]) {
  const byId = new Map<string, Entry[]>();
  for (const e of entries) {
    const group = byId.get(e.ruleId);
    if (group) group.push(e);
    else byId.set(e.ruleId, [e]);
  }
  return [...byId].map(([id, group]) => {
    const { check } = group[0]!;
    const security = isSecurity(check);
    const short = id === check.id ? check.title : `${check.title}: ${id}`;
    const worst = group.reduce((a, b) => (b.rank > a.rank ? b : a));
    const level = group.reduce<Level>((l, e) => (LEVEL_RANK[e.level] > LEVEL_RANK[l] ? e.level : l), 'note');
    const remediation = group.find((e) => e.finding?.remediation)?.finding?.remediation ?? check.remediation;
    const score = security && worst.finding ? SECURITY_SEVERITY[worst.finding.severity] : undefined;
    return {
      id,
      name: pascalCase(id),
      shortDescription: { text: short },
      fullDescription: { text: `${short}. Reported by the gonogo check ${check.id} (${check.category}).` },
      // GitHub shows `help` on every alert and requires it; remediation is the useful part.
      help: { text: remediation ?? `No remediation is recorded; see the evidence of check ${check.id} in the gonogo report.` },
      defaultConfiguration: { level },
      properties: { tags: tagsFor(check, security), ...(score ? { 'security-severity': score } : {}) },
    };
  });
}

function buildResult(e: Entry, ruleIndex: number, anchor: SarifLocation['physicalLocation']['artifactLocation']) {
  const { finding, check } = e;
  const location: SarifLocation = finding ? sarifLocation(finding.location) : { physicalLocation: { artifactLocation: anchor } };
  const score = finding && isSecurity(check) ? SECURITY_SEVERITY[finding.severity] : undefined;
  const text = finding ? finding.message || finding.ruleId : `${check.title}: ${check.evidence || check.status}`;
  return {
    ruleId: e.ruleId,
    ruleIndex,
    level: e.level,
    message: { text },
    locations: [location],
    partialFingerprints: { [FINGERPRINT_KEY]: finding ? finding.fingerprint : `check:${check.id}` },
    // Our own words next to SARIF's level, so a SARIF-only consumer can still tell critical from high.
    properties: {
      checkId: check.id,
      ...(finding ? { severity: finding.severity } : { status: check.status }),
      ...(score ? { 'security-severity': score } : {}),
    },
  };
}

/**
 * security-severity and the "security" tag only on security rules: GitHub files any rule with a
 * score as a security alert, and a broken docs link or a slow endpoint is not one.
 */
function isSecurity(check: CheckResult): boolean {
  return check.category.toLowerCase() === 'security' || (check.refs?.cwe?.length ?? 0) > 0 || (check.refs?.owasp?.length ?? 0) > 0;
}

/** CodeQL's tag spellings, which GitHub links: external/cwe/cwe-079. */
function tagsFor(check: CheckResult, security: boolean): string[] {
  const cwe = (check.refs?.cwe ?? []).map((ref) => {
    const n = /^(?:cwe-?)?(\d+)$/i.exec(ref.trim())?.[1];
    return n ? `external/cwe/cwe-${n.padStart(3, '0')}` : `external/cwe/${ref.trim().toLowerCase()}`;
  });
  const owasp = (check.refs?.owasp ?? []).map((ref) => `external/owasp/${ref.trim().toLowerCase()}`);
  const tags = [...(security ? ['security'] : []), ...cwe, ...owasp, check.category.toLowerCase()];
  return [...new Set(tags)].slice(0, MAX_TAGS);
}

function timestamps(report: Report): { startTimeUtc?: string; endTimeUtc?: string } {
  const iso = (s: string) => (Number.isNaN(Date.parse(s)) ? undefined : new Date(s).toISOString());
  const start = iso(report.startedAt);
  const end = iso(report.finishedAt);
  return { ...(start ? { startTimeUtc: start } : {}), ...(end ? { endTimeUtc: end } : {}) };
}

function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

function slug(command: string): string {
  return command.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'run';
}
