import { allFindings, type CheckResult, type Report } from '../../core/result.js';
import { checkHeadJson, findingJson, refsJson } from '../json-fields.js';
import type { Reporter } from '../reporter.js';
import { escapeUnsafeJson, stringifyJson } from '../json-text.js';
import { summarize } from '../summarize.js';
import { reportVitals } from '../report-vitals.js';

/** Bump only with a breaking change to the shape below; CI scripts and our system tests key on it. */
export const JSON_REPORT_SCHEMA = 'gonogo/report@1';

/**
 * The machine-readable report: the shapes in DESIGN.md's contracts. Objects are built
 * key by key (never spread from the input) so key order is stable and nothing internal
 * leaks; optional fields are `null` rather than missing so every entry has the same keys.
 */
export const json: Reporter = (report) => stringifyJson(reportDoc(report, allFindings(report).map(findingJson)));

// The report's keys in their contract order; `findings` as given (the chunked writer leaves it empty and fills it in).
function reportDoc(report: Report, findings: unknown[]) {
  const vitals = reportVitals(report);
  return {
    schema: JSON_REPORT_SCHEMA,
    tool: { name: report.tool.name, version: report.tool.version },
    command: report.command,
    startedAt: report.startedAt,
    finishedAt: report.finishedAt,
    checks: report.checks.map(checkJson),
    findings,
    summary: summarize(report),
    // Only when the command measured pages (`gonogo load --vitals`, a run's pages part), so other reports keep their keys.
    ...(vitals ? { vitals } : {}),
  };
}

/**
 * The same text as `json`, in pieces: one per finding, so a report with tens of thousands of findings is written
 * without building the whole string (and a mapped copy of every finding) at once. Joined, the pieces are byte for
 * byte what `json` returns (test/report/json-chunks.test.ts).
 */
export function* jsonReportChunks(report: Report): Generator<string> {
  const findings = allFindings(report);
  const head = stringifyJson(reportDoc(report, []));
  const at = head.indexOf(FINDINGS_SLOT);
  if (findings.length === 0) {
    yield head;
    return;
  }
  yield `${head.slice(0, at)}\n  "findings": [`;
  for (let i = 0; i < findings.length; i++) {
    // A finding sits two levels deep: its own lines indented by 4 more spaces (JSON strings hold no raw newline).
    const text = escapeUnsafeJson(JSON.stringify(findingJson(findings[i]!), null, 2)).replace(/\n/g, '\n    ');
    yield `${i === 0 ? '' : ','}\n    ${text}`;
  }
  yield `\n  ]${head.slice(at + FINDINGS_SLOT.length)}`;
}

// The top-level key, at its indentation; inside a string value its quotes and newline would be escaped.
const FINDINGS_SLOT = '\n  "findings": []';

function checkJson(c: CheckResult) {
  return {
    ...checkHeadJson(c),
    refs: refsJson(c),
  };
}
