import { describe, expect, it } from 'vitest';
import { severityRank, type CheckResult, type Finding, type Report, type Severity } from '../../src/core/result.js';
import { stringifyJson } from '../../src/report/json-text.js';
import { sarif, sarifChunks } from '../../src/report/reporters/sarif.js';
import type { SarifInvocation } from '../../src/report/reporters/sarif-limits.js';
import { sampleReport } from './sample-report.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- walking parsed SARIF JSON */

/**
 * The whole-string fit this reporter used before it wrote in pieces (render the log, measure, drop the least severe
 * results, render again): the oracle the pieces must match byte for byte.
 */
function wholeStringFit(log: object, run: { results: unknown[] }, invocation: SarifInvocation, ranks: readonly number[], limits: { maxResults: number; maxBytes: number }): string {
  const bytes = (t: string) => Buffer.byteLength(t, 'utf8');
  const render = (): string => {
    const pretty = stringifyJson(log);
    return bytes(pretty) <= limits.maxBytes ? pretty : `${JSON.stringify(log)}\n`;
  };
  const all = run.results;
  let text = render();
  if (all.length <= limits.maxResults && bytes(text) <= limits.maxBytes) return text;
  const order = all.map((_, i) => i).sort((a, b) => ranks[b]! - ranks[a]! || a - b);
  let keep = Math.min(all.length, limits.maxResults);
  for (;;) {
    const kept = new Set(order.slice(0, keep));
    run.results = all.filter((_, i) => kept.has(i));
    const note = `${all.length - keep} of ${all.length} results were left out, lowest severity first, to stay within GitHub code scanning limits (${limits.maxResults} results, ${limits.maxBytes} bytes per file). Use --format json for every finding.`;
    invocation.toolExecutionNotifications = [{ level: 'warning', message: { text: note } }];
    text = render();
    const size = bytes(text);
    if (size <= limits.maxBytes || keep === 0) return text;
    keep = Math.max(0, Math.min(keep - 1, Math.floor(keep * (limits.maxBytes / size) * 0.98)));
  }
}

const SEVERITIES: Severity[] = ['info', 'low', 'medium', 'high', 'critical'];

function bigReport(): Report {
  const findings: Finding[] = Array.from({ length: 60 }, (_, i) => ({
    ruleId: `docs.rule-${i % 4}`,
    severity: SEVERITIES[(i * 7) % 5]!,
    // Strings the escaping and the split points must survive: U+2028, bidi, quotes, a "results" key look-alike.
    message: `problem ${i} \u2028 \u202e "results": [] ${'é'.repeat(i % 9)}`,
    location: { file: `dir ${i % 3}/f.md`, line: i + 1 },
    fingerprint: `fp${i}`,
    remediation: 'fix it',
  }));
  const checks: CheckResult[] = [
    { id: 'docs.links', title: 'Internal links', category: 'Documentation', status: 'fail', evidence: 'e', findings },
    // A failing check without findings is a result of its own.
    { id: 'docs.terms', title: 'Terminology', category: 'Documentation', status: 'warn', evidence: 'w', findings: [] },
  ];
  return { ...sampleReport(), checks };
}

/** The oracle's answer: the full log rebuilt from the unlimited text, then fitted the old way. */
function expected(report: Report, limits: { maxResults: number; maxBytes: number }): string {
  const log = JSON.parse([...sarifChunks(report, { color: false }, { maxResults: 1e9, maxBytes: 1e12 })].join(''));
  const run = log.runs[0];
  const ranks = run.results.map((r: any) => (r.properties.severity ? severityRank(r.properties.severity) : r.properties.status === 'fail' ? 3 : 2));
  return wholeStringFit(log, run, run.invocations[0], ranks, limits);
}

describe('sarif in pieces', () => {
  const report = bigReport();
  const full = stringifyJson(JSON.parse(sarif(report, { color: false })));
  const fullBytes = Buffer.byteLength(full);
  const compactBytes = Buffer.byteLength(JSON.stringify(JSON.parse(full))) + 1;
  const cases: [string, { maxResults: number; maxBytes: number }][] = [
    ['everything, indented', { maxResults: 1000, maxBytes: 1e9 }],
    ['too many results: the worst 10 kept', { maxResults: 10, maxBytes: 1e9 }],
    ['too large indented: every result on one line', { maxResults: 1000, maxBytes: compactBytes + 10 }],
    ['too large even on one line: results dropped by size', { maxResults: 1000, maxBytes: Math.floor(compactBytes / 2) }],
    ['nothing fits: no results, and the note', { maxResults: 1000, maxBytes: 100 }],
  ];
  for (const [name, limits] of cases) {
    it(`joins to the whole-string text: ${name}`, () => {
      const pieces = [...sarifChunks(report, { color: false }, limits)];
      expect(pieces.join('')).toBe(expected(report, limits));
      // One piece per kept result, plus the end.
      const kept = JSON.parse(pieces.join('')).runs[0].results.length;
      expect(pieces).toHaveLength(kept + 1);
    });
  }

  it('the cases above take the paths they name', () => {
    expect(compactBytes).toBeLessThan(fullBytes);
    const runOf = (limits: { maxResults: number; maxBytes: number }) => [...sarifChunks(report, { color: false }, limits)].join('');
    expect(runOf(cases[0]![1])).toBe(full);
    expect(JSON.parse(runOf(cases[1]![1])).runs[0].results).toHaveLength(10);
    expect(runOf(cases[2]![1]).split('\n')).toHaveLength(2);
    expect(JSON.parse(runOf(cases[3]![1])).runs[0].results.length).toBeLessThan(61);
    expect(JSON.parse(runOf(cases[4]![1])).runs[0].results).toEqual([]);
  });

  it('the reporter is the pieces joined, with no results at all too', () => {
    const empty = { ...sampleReport(), checks: [] };
    expect(sarif(empty, { color: false })).toBe([...sarifChunks(empty, { color: false })].join(''));
    expect(JSON.parse(sarif(empty, { color: false })).runs[0].results).toEqual([]);
  });
});
