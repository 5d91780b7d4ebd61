/**
 * The inline suppression comment every scanner shares. Stable API:
 *
 *   gonogo:allow [rule-id[,rule-id...]] <reason> [until=YYYY-MM-DD]
 *
 * written in any comment syntax (#, //, /* *\/, <!-- -->, --) on the finding's own line or on the line before.
 * - rule-id is optional; a token with a dot in it ("secrets.aws-access-key", "sast.eval") is read as a rule id,
 *   and the allowance then covers only those rules. Without one it covers every rule on that line.
 * - a reason is required: a bare `gonogo:allow` suppresses nothing, and the finding carries a note saying so.
 * - until=YYYY-MM-DD: the allowance holds through that day (UTC); after it the finding comes back with a note.
 *
 *   parseAllowComment(line)                          the comment on one line, or undefined when there is none
 *   checkInlineAllow(lineAt, findingLine, ruleId, today?)  the decision for one finding:
 *       { status: 'none' }                    no comment applies: report the finding
 *       { status: 'allowed', ... }            suppress it
 *       { status: 'expired' | 'invalid', note } report it and append `note` to its message
 *   lineAt(n) returns the 1-based line n of the file (or undefined); today defaults to the current UTC date.
 */

export const ALLOW_MARKER = 'gonogo:allow';

export interface AllowComment {
  /** Rule ids the comment names; empty = every rule. */
  ruleIds: string[];
  /** Empty when the comment gives none (which makes it invalid). */
  reason: string;
  /** YYYY-MM-DD, when given. */
  until?: string;
  /** Set when the comment cannot suppress anything: missing reason, malformed date. */
  problem?: string;
}

export type AllowDecision =
  | { status: 'none' }
  | { status: 'allowed'; line: number; reason: string; until?: string }
  | { status: 'expired'; line: number; reason: string; until: string; note: string }
  | { status: 'invalid'; line: number; note: string };

const RULE_ID = /^[a-z0-9][a-z0-9_-]*(?:\.[a-z0-9][a-z0-9_*-]*)+$/i;
const UNTIL = /(?:^|\s)until=(\S*)/i;
/** Comment closers and openers that may trail the reason. */
const COMMENT_NOISE = /(?:\*\/|-->|#\}|%>|\*\)|"""|''')\s*$/;

export function parseAllowComment(line: string): AllowComment | undefined {
  const at = line.indexOf(ALLOW_MARKER);
  if (at === -1) return undefined;
  // The marker must stand alone (not "gonogo:allowed").
  let rest = line.slice(at + ALLOW_MARKER.length);
  if (rest !== '' && !/^\s/.test(rest)) return undefined;
  rest = rest.replace(COMMENT_NOISE, '').trim();

  let until: string | undefined;
  let problem: string | undefined;
  const u = UNTIL.exec(rest);
  if (u) {
    until = u[1] ?? '';
    rest = (rest.slice(0, u.index) + ' ' + rest.slice(u.index + u[0].length)).trim();
    if (!isValidDate(until)) problem = `gonogo:allow has a malformed date "until=${until}" (expected YYYY-MM-DD), so it suppresses nothing`;
  }
  const tokens = rest.split(/\s+/).filter((t) => t !== '');
  let ruleIds: string[] = [];
  const first = tokens[0];
  if (first !== undefined && first.split(',').every((t) => RULE_ID.test(t))) {
    ruleIds = first.split(',');
    tokens.shift();
  }
  const reason = tokens.join(' ');
  if (reason === '' && problem === undefined) problem = 'gonogo:allow needs a reason (gonogo:allow [rule-id] <reason>), so it suppresses nothing';
  return { ruleIds, reason, ...(until !== undefined ? { until } : {}), ...(problem !== undefined ? { problem } : {}) };
}

/** Does a comment's rule list cover this rule? A trailing ".*" covers a whole family ("secrets.*"). */
function covers(ruleIds: string[], ruleId: string): boolean {
  if (ruleIds.length === 0) return true;
  return ruleIds.some((id) => id === ruleId || (id.endsWith('.*') && ruleId.startsWith(id.slice(0, -1))));
}

export function checkInlineAllow(
  lineAt: (n: number) => string | undefined,
  findingLine: number,
  ruleId: string,
  today: string = new Date().toISOString().slice(0, 10),
): AllowDecision {
  for (const n of [findingLine, findingLine - 1]) {
    if (n < 1) continue;
    const text = lineAt(n);
    if (text === undefined || !text.includes(ALLOW_MARKER)) continue;
    const c = parseAllowComment(text);
    if (!c || !covers(c.ruleIds, ruleId)) continue;
    if (c.problem !== undefined) return { status: 'invalid', line: n, note: `${c.problem} (line ${n})` };
    if (c.until !== undefined && today > c.until) {
      return { status: 'expired', line: n, reason: c.reason, until: c.until, note: `allowance expired on ${c.until} (line ${n}: "${c.reason}")` };
    }
    return { status: 'allowed', line: n, reason: c.reason, ...(c.until !== undefined ? { until: c.until } : {}) };
  }
  return { status: 'none' };
}

function isValidDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}
