import type { CheckResult } from '../../core/result.js';
import { locationText } from '../location-text.js';
import { escapeXml as x } from '../escape.js';
import type { Reporter } from '../reporter.js';

/**
 * JUnit XML as CI systems read it (Jenkins, GitLab, GitHub test reporters): one <testsuite> per
 * category, one <testcase> per check. fail → <failure>, skip → <skipped>; a warning passes with its
 * evidence in <system-out> and a `status` property, since JUnit has no warning state.
 */
export const junit: Reporter = (report) => {
  const byCategory = new Map<string, CheckResult[]>();
  for (const c of report.checks) byCategory.set(c.category, [...(byCategory.get(c.category) ?? []), c]);
  const seconds = Math.max(0, (Date.parse(report.finishedAt) - Date.parse(report.startedAt)) / 1000) || 0;
  const count = (cs: CheckResult[], s: CheckResult['status']) => cs.filter((c) => c.status === s).length;
  const all = report.checks;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${x(`${report.tool.name} ${report.command}`)}" tests="${all.length}" failures="${count(all, 'fail')}" errors="0" skipped="${count(all, 'skip')}" time="${seconds.toFixed(3)}" timestamp="${x(report.startedAt)}">`,
  ];
  for (const [category, checks] of byCategory) {
    lines.push(`  <testsuite name="${x(category)}" tests="${checks.length}" failures="${count(checks, 'fail')}" errors="0" skipped="${count(checks, 'skip')}" time="0" timestamp="${x(report.startedAt)}">`);
    for (const c of checks) lines.push(...testcase(c));
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
};

function testcase(c: CheckResult): string[] {
  const open = `    <testcase classname="${x(`gonogo.${c.category}`)}" name="${x(`${c.id}: ${c.title}`)}" time="0">`;
  const body: string[] = [`      <properties><property name="status" value="${c.status}"/><property name="checkId" value="${x(c.id)}"/></properties>`];
  const detail = [c.evidence, ...(c.findings ?? []).map((f) => `[${f.severity}] ${f.ruleId} at ${locationText(f.location)}: ${f.message} (fingerprint ${f.fingerprint})`), ...(c.remediation ? [`remediation: ${c.remediation}`] : [])].join('\n');
  if (c.status === 'fail') body.push(`      <failure message="${x(c.evidence)}" type="${x(c.id)}">${x(detail)}</failure>`);
  else if (c.status === 'skip') body.push(`      <skipped message="${x(c.evidence)}"/>`);
  else body.push(`      <system-out>${x(`${c.status.toUpperCase()}: ${detail}`)}</system-out>`);
  return [open, ...body, '    </testcase>'];
}
