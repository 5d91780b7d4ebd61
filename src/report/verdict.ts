/**
 * The readiness verdict: a pure function of the checks, the policy and today's date.
 * Blockers make NOT_READY; warnings make READY_WITH_WARNINGS (NOT_READY under --strict).
 * docs/verdict.md describes the default policy; a test walks it as a table.
 */
import type { Acceptance, PolicyConfig } from '../core/config/policy-section.js';
import type { AreaCoverage } from '../core/coverage.js';
import type { CheckResult, Finding } from '../core/result.js';
import type { Verdict, VerdictReason, VerdictResult } from '../core/verdict.js';

export interface VerdictInput {
  checks: readonly CheckResult[];
  policy?: PolicyConfig;
  strict?: boolean;
  /** YYYY-MM-DD, for acceptance expiry; the caller passes today's date (UTC). */
  today: string;
  /** Parts that were skipped or failed to run, by name. */
  skippedParts?: readonly string[];
  failedParts?: readonly { name: string; reason: string }[];
  /** A run's areas as passed, failed or not covered; a single scan or probe has none. */
  coverage?: readonly AreaCoverage[];
  /** Part names whose area must be covered (`verdict.require`); `policy.requireParts` adds to them. */
  require?: readonly string[];
}

export const DEFAULT_POLICY = {
  maxCritical: 0,
  maxSecrets: 0,
  high: 'block',
  thresholds: 'block',
  failedChecks: 'block',
  requireParts: [] as string[],
} as const;

/** Checklist items are derived from other checks: their failures are already counted there. */
const isChecklist = (c: CheckResult) => c.role === 'checklist';
const isThreshold = (c: CheckResult) => c.role === 'threshold';
/** A secret is exposed when a secrets scanner reports it, whatever its severity. */
export const isSecretFinding = (f: Finding) => f.ruleId.startsWith('secrets.') || f.ruleId.startsWith('secret.');

export function acceptanceFor(f: Finding, accept: readonly Acceptance[]): Acceptance | undefined {
  return accept.find((a) => (a.fingerprint !== undefined ? a.fingerprint === f.fingerprint : a.ruleId === f.ruleId));
}

export function computeVerdict(input: VerdictInput): VerdictResult {
  const p = { ...DEFAULT_POLICY, ...dropUndefined(input.policy ?? {}) };
  const accept = input.policy?.accept ?? [];
  const reasons: VerdictReason[] = [];
  const add = (level: VerdictReason['level'], code: string, message: string, checks: CheckResult[] = [], fps: Finding[] = []) =>
    reasons.push({ level, code, message, checks: [...new Set(checks.map((c) => c.id))], fingerprints: fps.map((f) => f.fingerprint) });

  const own = input.checks.filter((c) => !isChecklist(c));
  const pairs = own.flatMap((c) => (c.findings ?? []).map((f) => ({ c, f })));
  const with_ = (pred: (f: Finding) => boolean) => pairs.filter(({ f }) => pred(f));

  for (const part of input.failedParts ?? []) {
    // The run records a failed part as the check `run.<name>`; name it so it is not counted twice.
    reasons.push({ level: 'blocker', code: 'part-error', message: `${part.name} did not complete: ${part.reason}`, checks: [`run.${part.name}`], fingerprints: [] });
  }
  coverageReasons(input, new Set([...p.requireParts, ...(input.require ?? [])]), add);

  const critical = with_((f) => f.severity === 'critical');
  if (critical.length > p.maxCritical) {
    add('blocker', 'critical-findings', `${critical.length} critical finding${plural(critical.length)} (policy allows ${p.maxCritical})`, critical.map((x) => x.c), critical.map((x) => x.f));
  }
  const secrets = with_(isSecretFinding);
  if (secrets.length > p.maxSecrets) {
    add('blocker', 'exposed-secrets', `${secrets.length} exposed secret${plural(secrets.length)} (policy allows ${p.maxSecrets})`, secrets.map((x) => x.c), secrets.map((x) => x.f));
  }

  // Findings a valid acceptance covers do not fail their check either.
  const covered = new Set<Finding>();
  if (p.high !== 'ignore') {
    const high = with_((f) => f.severity === 'high' && !isSecretFinding(f));
    const open: typeof high = [];
    const expired: typeof high = [];
    const accepted: typeof high = [];
    for (const x of high) {
      const a = acceptanceFor(x.f, accept);
      if (!a) open.push(x);
      else if (a.expires < input.today) expired.push(x);
      else {
        accepted.push(x);
        covered.add(x.f);
      }
    }
    const level = p.high === 'block' ? 'blocker' : 'warning';
    if (open.length) add(level, 'high-unaccepted', `${open.length} high finding${plural(open.length)} neither fixed nor accepted with an owner and an expiry date`, open.map((x) => x.c), open.map((x) => x.f));
    if (expired.length) add(level, 'acceptance-expired', `${expired.length} accepted high finding${plural(expired.length)} past ${expired.length === 1 ? 'its' : 'their'} expiry date`, expired.map((x) => x.c), expired.map((x) => x.f));
    for (const x of accepted) {
      const a = acceptanceFor(x.f, accept)!;
      add('info', 'accepted-risk', `${x.f.ruleId} accepted by ${a.owner} until ${a.expires}${a.reason ? `: ${a.reason}` : ''}`, [x.c], [x.f]);
    }
  }

  const failedThresholds = own.filter((c) => isThreshold(c) && c.status === 'fail');
  if (failedThresholds.length) {
    add(p.thresholds === 'block' ? 'blocker' : 'warning', 'threshold-failed', `${failedThresholds.length} performance threshold${plural(failedThresholds.length)} not met: ${failedThresholds.map((c) => c.title).join('; ')}`, failedThresholds);
  }
  // A check already behind a blocker or warning is not reported again as a failed or warning check.
  const counted = new Set(reasons.filter((r) => r.level !== 'info').flatMap((r) => r.checks));
  const otherFailed = own.filter((c) => c.status === 'fail' && !isThreshold(c) && !counted.has(c.id) && !allCovered(c, covered));
  if (otherFailed.length) {
    add(p.failedChecks === 'block' ? 'blocker' : 'warning', 'check-failed', `${otherFailed.length} check${plural(otherFailed.length)} failed: ${otherFailed.map((c) => c.id).join(', ')}`, otherFailed);
  }
  const warned = input.checks.filter((c) => c.status === 'warn' || (c.status === 'fail' && !isThreshold(c) && allCovered(c, covered)));
  const checklistWarn = warned.filter(isChecklist);
  const otherWarn = warned.filter((c) => !isChecklist(c) && !counted.has(c.id));
  if (otherWarn.length) add('warning', 'check-warned', `${otherWarn.length} check${plural(otherWarn.length)} with warnings: ${otherWarn.map((c) => c.id).join(', ')}`, otherWarn);
  if (checklistWarn.length) add('warning', 'checklist-open', `${checklistWarn.length} checklist item${plural(checklistWarn.length)} not confirmed: ${checklistWarn.map((c) => c.title).join('; ')}`, checklistWarn);

  const blockers = reasons.some((r) => r.level === 'blocker');
  const warnings = reasons.some((r) => r.level === 'warning');
  if (input.strict && warnings && !blockers) {
    add('blocker', 'strict', '--strict: warnings fail the gate');
  }
  const verdict: Verdict = blockers || (input.strict && warnings) ? 'NOT_READY' : warnings ? 'READY_WITH_WARNINGS' : 'READY';
  // Blockers first, then warnings, then notes: the order a reader acts in.
  const rank = { blocker: 0, warning: 1, info: 2 };
  reasons.sort((a, b) => rank[a.level] - rank[b.level]);
  return { verdict, reasons };
}

/**
 * No evidence is never READY silently: a required area that is not covered blocks (a skipped part keeps
 * its old code), any other uncovered area is a warning that names it. An area two parts cover (deps and
 * image both give dependency evidence) is uncovered only when neither has evidence.
 */
function coverageReasons(input: VerdictInput, required: ReadonlySet<string>, add: (level: VerdictReason['level'], code: string, message: string) => void): void {
  const skipped = new Set(input.skippedParts ?? []);
  const optional: AreaCoverage[] = [];
  const covered = new Set((input.coverage ?? []).filter((r) => r.status !== 'not-covered').map((r) => r.area));
  for (const row of input.coverage ?? []) {
    if (row.status !== 'not-covered') continue;
    if (!required.has(row.part)) {
      if (!covered.has(row.area) && !optional.some((o) => o.area === row.area)) optional.push(row);
    }
    else if (skipped.has(row.part)) add('blocker', 'required-part-skipped', `${row.title} is required (${row.part}) but not covered: ${row.detail}`);
    else add('blocker', 'required-area-not-covered', `${row.title} is required (${row.part}) but not covered: ${row.detail}`);
  }
  // Without coverage rows (a caller that only knows which parts were skipped), a required skipped part still blocks.
  if (input.coverage === undefined) {
    for (const name of required) if (skipped.has(name)) add('blocker', 'required-part-skipped', `${name} is required but was skipped`);
  }
  if (optional.length) {
    const n = optional.length;
    add('warning', 'area-not-covered', `${n} area${plural(n)} not covered: ${optional.map((r) => r.title).join(', ')} (no evidence either way; \`verdict.require\` makes an area mandatory)`);
  }
}

function allCovered(c: CheckResult, covered: Set<Finding>): boolean {
  // A check that failed only because of accepted findings is a warning; anything else uncovered at medium or above still fails it.
  const fs = c.findings ?? [];
  return fs.some((f) => covered.has(f)) && fs.every((f) => covered.has(f) || f.severity === 'info' || f.severity === 'low');
}

function plural(n: number): string {
  return n === 1 ? '' : 's';
}

function dropUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** "NOT READY" for people; the enum value for machines. */
export function verdictLabel(v: Verdict): string {
  return v.replaceAll('_', ' ');
}
