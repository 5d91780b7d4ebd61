import { allFindings, type CheckResult } from '../../core/result.js';
import { checkHeadJson, findingJson, refsJson } from '../json-fields.js';
import type { Reporter } from '../reporter.js';
import { stringifyJson } from '../json-text.js';
import { summarize } from '../summarize.js';

/** Bump only with a breaking change to the shape below; CI scripts and our system tests key on it. */
export const JSON_REPORT_SCHEMA = 'gonogo/report@1';

/**
 * The machine-readable report: the shapes in DESIGN.md's contracts. Objects are built
 * key by key (never spread from the input) so key order is stable and nothing internal
 * leaks; optional fields are `null` rather than missing so every entry has the same keys.
 */
export const json: Reporter = (report) => {
  const doc = {
    schema: JSON_REPORT_SCHEMA,
    tool: { name: report.tool.name, version: report.tool.version },
    command: report.command,
    startedAt: report.startedAt,
    finishedAt: report.finishedAt,
    checks: report.checks.map(checkJson),
    findings: allFindings(report).map(findingJson),
    summary: summarize(report),
  };
  return stringifyJson(doc);
};

function checkJson(c: CheckResult) {
  return {
    ...checkHeadJson(c),
    refs: refsJson(c),
  };
}
