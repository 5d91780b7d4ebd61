import type { CheckResult, CheckStatus, Finding, Location, Report, Severity } from '../../core/result.js';
import type { Reporter, ReporterOptions } from '../reporter.js';
import { sanitizeForTerminal as clean } from '../sanitize-terminal.js';
import { summarize, summaryLine } from '../summarize.js';

const DEFAULT_WIDTH = 100;
const MIN_WIDTH = 40;
const GAP = '  ';
// Long ids and titles are rare; capping them keeps room for the evidence column.
const MAX_ID = 32;
const MAX_TITLE = 32;
const MIN_EVIDENCE = 12;
const MAX_LOCATION = 48;

const STATUS_STYLE: Record<CheckStatus, string> = { fail: '1;31', warn: '33', pass: '32', skip: '2' };
const SEVERITY_STYLE: Record<Severity, string> = { critical: '1;31', high: '31', medium: '33', low: '36', info: '2' };

/** Terminal output: header, one row per check, findings grouped by check, one summary line. */
export const table: Reporter = (report, options) => {
  const width = Math.max(MIN_WIDTH, Math.floor(options.width ?? DEFAULT_WIDTH));
  const paint = (style: string, text: string): string => (options.color ? `\x1b[${style}m${text}\x1b[0m` : text);

  const lines = [paint('1', header(report)), ''];
  lines.push(...checkRows(report.checks, width, paint));

  const withFindings = report.checks.filter((c) => (c.findings ?? []).length > 0);
  if (withFindings.length > 0 && !options.findingsShown) {
    lines.push('', paint('1', 'Findings'));
    for (const check of withFindings) lines.push(...findingRows(check, paint));
  }

  lines.push('', summaryLine(summarize(report)));
  return `${lines.join('\n')}\n`;
};

type Paint = (style: string, text: string) => string;

function header(report: Report): string {
  const took = Date.parse(report.finishedAt) - Date.parse(report.startedAt);
  const duration = Number.isFinite(took) && took >= 0 ? ` (${(took / 1000).toFixed(1)}s)` : '';
  return clean(`${report.tool.name} ${report.tool.version} — ${report.command}${duration}`);
}

function checkRows(checks: CheckResult[], width: number, paint: Paint): string[] {
  if (checks.length === 0) return ['No checks ran.'];
  const idWidth = Math.min(MAX_ID, Math.max(0, ...checks.map((c) => length(clean(c.id)))));
  const titleWidth = Math.min(MAX_TITLE, Math.max(0, ...checks.map((c) => length(clean(c.title)))));
  const evidenceWidth = Math.max(MIN_EVIDENCE, width - (4 + idWidth + titleWidth + 3 * GAP.length));
  return checks.map((c) => {
    // Pad the plain text first, then colour it, so escape codes never count as columns.
    const status = paint(STATUS_STYLE[c.status], c.status.toUpperCase().padEnd(4));
    const cells = [status, fit(clean(c.id), idWidth), fit(clean(c.title), titleWidth), truncate(clean(c.evidence), evidenceWidth)];
    return cells.join(GAP).trimEnd();
  });
}

function findingRows(check: CheckResult, paint: Paint): string[] {
  return [`  ${clean(check.id)}  ${paint('2', clean(check.title))}`, ...rowsOf(check.findings ?? [], paint)];
}

/**
 * Finding rows as the table prints them, for findings shown while a command still works (`gonogo docs` prints each
 * file's findings when it has been read). Columns are as wide as this batch needs. Ends with a newline.
 */
export function tableFindingLines(findings: readonly Finding[], options: Pick<ReporterOptions, 'color'>): string {
  if (findings.length === 0) return '';
  const paint = (style: string, text: string): string => (options.color ? `\x1b[${style}m${text}\x1b[0m` : text);
  return `${rowsOf(findings, paint).join('\n')}\n`;
}

function rowsOf(findings: readonly Finding[], paint: Paint): string[] {
  const widest = (cell: (f: Finding) => string, cap: number) => Math.min(cap, Math.max(...findings.map((f) => length(cell(f)))));
  const ruleWidth = widest((f) => clean(f.ruleId), MAX_ID);
  const locationWidth = widest((f) => clean(formatLocation(f.location)), MAX_LOCATION);
  return findings.map((f) => {
    const severity = paint(SEVERITY_STYLE[f.severity], f.severity.padEnd(8));
    // A location longer than the column is printed whole (it is what the reader acts on) and pushes the message right.
    const location = clean(formatLocation(f.location));
    const cells = [severity, fit(clean(f.ruleId), ruleWidth), location.padEnd(locationWidth), clean(f.message)];
    return `    ${cells.join(GAP)}`;
  });
}

/** `file:line` for code, `METHOD url` for live targets: what a reader pastes into an editor or curl. */
function formatLocation(loc: Location): string {
  if ('url' in loc) return loc.method ? `${loc.method} ${loc.url}` : loc.url;
  return loc.line !== undefined && loc.line >= 1 ? `${loc.file}:${loc.line}` : loc.file;
}

/** Code points, not UTF-16 units, so an emoji counts once. */
function length(text: string): number {
  return Array.from(text).length;
}

function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

function fit(text: string, width: number): string {
  const cut = truncate(text, width);
  return cut + ' '.repeat(Math.max(0, width - length(cut)));
}
