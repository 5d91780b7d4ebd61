import type { CheckResult, Finding } from '../core/result.js';
import { checkHeadJson, findingJson, refsJson } from './json-fields.js';
import { stringifyJson } from './json-text.js';
import { summarize } from './summarize.js';
import type { RunReport } from '../core/run-report.js';

/** Bump only with a breaking change; docs/report-schema.md describes every field. */
export const RUN_REPORT_SCHEMA = 'gonogo/run-report@1';

/**
 * report.json of a run: the verdict with its reasons, every part, every CheckResult with its findings,
 * and the load results (the timeline and per-endpoint figures `gonogo compare` reads). Built key by key
 * so the order is stable and nothing internal leaks.
 */
export function runReportJson(r: RunReport): string {
  return stringifyJson({
    schema: RUN_REPORT_SCHEMA,
    tool: { name: r.tool.name, version: r.tool.version },
    command: r.command,
    target: r.target ?? null,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    strict: r.strict,
    verdict: r.verdict.verdict,
    reasons: r.verdict.reasons.map((x) => ({ level: x.level, code: x.code, message: x.message, checks: x.checks, fingerprints: x.fingerprints })),
    parts: r.parts.map((p) => ({ name: p.name, title: p.title, status: p.status, reason: p.reason ?? null, durationMs: p.durationMs ?? null })),
    coverage: r.coverage.map((a) => ({ area: a.area, title: a.title, part: a.part, status: a.status, detail: a.detail })),
    summary: summarize(r),
    checks: r.checks.map(checkJson),
    findings: r.checks.flatMap((c) => (c.findings ?? []).map((f) => runFindingJson(f, c.id))),
    loads: r.loads.map((l) => ({ name: l.name, result: l.result })),
    breakingPoint: r.breakingPoint ?? null,
    vitals: r.vitals ?? null,
  });
}

function checkJson(c: CheckResult) {
  return {
    ...checkHeadJson(c),
    remediation: c.remediation ?? null,
    refs: refsJson(c),
    findings: (c.findings ?? []).map((f) => runFindingJson(f, c.id)),
  };
}

function runFindingJson(f: Finding, checkId: string) {
  return { ...findingJson(f), remediation: f.remediation ?? null, checkId };
}
