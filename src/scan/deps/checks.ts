import type { CheckResult, Finding, Severity } from '../../core/result.js';
import { SEVERITIES } from '../../core/result.js';
import { applyRegister, gateFails, registerEvidence, type RegisterOutcome, type RegisterPolicy } from '../register/index.js';
import type { DbInfo } from './osv/db.js';
import type { DepsScanResult } from './scan.js';
import type { Ecosystem } from './types.js';

export const DEFAULT_MAX_DB_AGE_MS = 7 * 86_400_000;

/** The words that differ between `scan deps` (lockfiles in a folder) and `scan image` (packages in an image). */
interface Subject {
  prefix: 'deps' | 'image';
  title: string;
  none: string;
  lists: (n: number) => string;
}

const SUBJECTS = {
  deps: { prefix: 'deps', title: 'Vulnerable dependencies', none: 'no lockfiles found (package-lock.json, npm-shrinkwrap.json, yarn.lock, pnpm-lock.yaml, requirements*.txt, poetry.lock, Pipfile.lock)', lists: (n) => `${n} lockfile${n === 1 ? '' : 's'}` },
  image: { prefix: 'image', title: 'Vulnerable packages in the image', none: 'no OS package database (dpkg, apk) and no language packages found in the image', lists: (n) => `${n} package list${n === 1 ? '' : 's'}` },
} as const satisfies Record<string, Subject>;

export interface DepsCheckOptions {
  failOn: Severity;
  /** Which scan the checks describe (check ids `deps.*` or `image.*`); default deps. */
  subject?: keyof typeof SUBJECTS;
  maxDbAgeMs?: number;
  policy?: RegisterPolicy;
  now?: Date;
}

export interface DataAge {
  ecosystem: Ecosystem;
  /** ISO timestamp the age counts from. */
  asOf: string;
  /** "downloaded" (gonogo db update's meta.json) or "newest record" (no download time known). */
  basis: 'downloaded' | 'newest record';
  ageMs: number;
}

/** How old the data is for each ecosystem the project uses. */
export function dataAges(db: DbInfo, used: ReadonlySet<Ecosystem>, now: Date): DataAge[] {
  return db.ecosystems
    .filter((e) => used.has(e.ecosystem))
    .flatMap((e) => {
      const asOf = e.fetched?.fetchedAt ?? e.newestModified;
      if (!asOf || Number.isNaN(Date.parse(asOf))) return [];
      return [{ ecosystem: e.ecosystem, asOf, basis: e.fetched ? ('downloaded' as const) : ('newest record' as const), ageMs: Math.max(0, now.getTime() - Date.parse(asOf)) }];
    });
}

export function formatAge(ms: number): string {
  const h = ms / 3_600_000;
  if (h < 48) return `${Math.round(h)} h`;
  return `${Math.floor(h / 24)} days`;
}

export interface DepsChecks {
  checks: CheckResult[];
  outcome: RegisterOutcome;
  failed: boolean;
  /** One line each for stderr: the data's age and any staleness warning. */
  dataLines: string[];
}

const REFS = { owasp: ['A06:2021'], cwe: ['CWE-1395'] };

/** Turn a deps scan into checks: vulnerabilities (register + gate applied), unreadable lockfiles, data freshness. */
export function depsChecks(result: DepsScanResult, opts: DepsCheckOptions): DepsChecks {
  const now = opts.now ?? new Date();
  const s: Subject = SUBJECTS[opts.subject ?? 'deps'];
  const outcome = applyRegister([...result.problems, ...result.findings], opts.policy, now);
  const vulns = outcome.open.filter((f) => f.ruleId !== 'deps.lockfile-unreadable');
  const problems = outcome.open.filter((f) => f.ruleId === 'deps.lockfile-unreadable');
  const checks: CheckResult[] = [];
  const statusOf = (open: Finding[]) => (gateFails(open, opts.failOn) ? 'fail' : open.length > 0 ? 'warn' : 'pass');

  const lockCount = result.lockfiles.length;
  const used = new Set(result.lockfiles.map((l) => l.ecosystem));
  if (lockCount === 0 && result.problems.length === 0) {
    checks.push({ id: `${s.prefix}.vulnerabilities`, title: s.title, category: 'Security', status: 'skip', evidence: s.none, refs: REFS });
  } else {
    const packages = new Set(vulns.map((f) => `${'file' in f.location ? f.location.file : ''}\0${f.message.split(':')[0]}`)).size;
    const bySeverity = SEVERITIES.slice()
      .reverse()
      .map((s) => [s, vulns.filter((f) => f.severity === s).length] as const)
      .filter(([, n]) => n > 0)
      .map(([s, n]) => `${n} ${s}`);
    const parts = [`${result.packages} packages in ${s.lists(lockCount)}`];
    parts.push(vulns.length === 0 ? 'no known vulnerabilities' : `${vulns.length} advisories on ${packages} package version${packages === 1 ? '' : 's'} (${bySeverity.join(', ')})`);
    const reg = registerEvidence({ ...outcome, open: vulns }, now);
    if (reg) parts.push(reg);
    checks.push({ id: `${s.prefix}.vulnerabilities`, title: s.title, category: 'Security', status: statusOf(vulns), evidence: parts.join('; '), refs: REFS, findings: vulns, remediation: 'Upgrade to a fixed version (each finding names it), or suppress with a reason, owner and expiry (docs/remediation.md).' });
  }
  if (result.problems.length > 0) {
    checks.push({ id: `${s.prefix}.lockfiles`, title: 'Lockfiles readable', category: 'Security', status: problems.length > 0 ? statusOf(problems) : 'pass', evidence: `${result.problems.length} lockfile${result.problems.length === 1 ? '' : 's'} could not be read; their dependencies were not checked`, findings: problems });
  }

  const dataLines: string[] = [];
  if (result.db) {
    const maxAge = opts.maxDbAgeMs ?? DEFAULT_MAX_DB_AGE_MS;
    const ages = dataAges(result.db, used, now);
    const missing = [...used].filter((e) => !result.db!.ecosystems.some((d) => d.ecosystem === e && d.records > 0));
    const stale = ages.filter((a) => a.ageMs > maxAge);
    for (const a of ages) dataLines.push(`OSV ${a.ecosystem} data as of ${a.asOf.slice(0, 10)} (${a.basis}, ${formatAge(a.ageMs)} old) from ${result.db.path}`);
    for (const a of stale) dataLines.push(`warning: OSV ${a.ecosystem} data is ${formatAge(a.ageMs)} old, more than ${formatAge(maxAge)}: run \`gonogo db update\``);
    for (const e of missing) dataLines.push(`warning: no ${e} records in ${result.db.path}: ${e} lockfiles were not checked against any advisory`);
    const evidence = [...ages.map((a) => `${a.ecosystem} as of ${a.asOf.slice(0, 10)} (${formatAge(a.ageMs)} old)`), ...missing.map((e) => `no ${e} data`)].join('; ');
    checks.push({ id: `${s.prefix}.db-freshness`, title: 'Vulnerability data current', category: 'Security', status: stale.length > 0 || missing.length > 0 ? 'warn' : 'pass', evidence: `${evidence}; limit ${formatAge(maxAge)}`, remediation: 'Run `gonogo db update` (or refresh the folder given with --db).' });
  }
  return { checks, outcome, failed: checks.some((c) => c.status === 'fail'), dataLines };
}
