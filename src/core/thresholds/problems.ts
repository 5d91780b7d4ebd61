import { ThresholdError } from '../errors.js';

/** Grammar errors and type errors get different codes (GONOGO_THRESHOLD_SYNTAX / _TYPE). */
export type ProblemKind = 'syntax' | 'type';

/** One thing wrong with one expression, with the column to point at when there is one. */
export interface ThresholdProblem {
  kind: ProblemKind;
  where: string;
  /** The expression as written ('' when the entry was not a string). */
  source: string;
  message: string;
  /** 0-based column in `source` of the offending token; absent for problems outside the expression. */
  col?: number;
  /** How many characters the caret underline spans. */
  len?: number;
}

/**
 * Thrown inside the tokenizer / parser / type checker for the first problem in one expression and
 * turned into a ThresholdProblem by the caller; one problem per expression is enough to act on.
 */
export class ExpressionError extends Error {
  constructor(
    readonly kind: ProblemKind,
    message: string,
    readonly col: number,
    readonly len = 1,
  ) {
    super(message);
    this.name = 'ExpressionError';
  }
}

export function syntaxError(col: number, len: number, message: string): ExpressionError {
  return new ExpressionError('syntax', message, col, len);
}

export function typeError(col: number, len: number, message: string): ExpressionError {
  return new ExpressionError('type', message, col, len);
}

/** formatError prints each detail after "  - "; the caret line is indented to match it. */
const DETAIL_PREFIX_WIDTH = 4;

/**
 * `where: "expression": message`, then (when a column is known) a caret line under the quoted
 * expression. Tabs and newlines are shown as spaces so the caret stays in its column.
 */
export function formatProblem(p: ThresholdProblem): string {
  const shown = p.source.replace(/[\t\r\n]/g, ' ');
  const head = p.source === '' ? `${p.where}: ` : `${p.where}: "${shown}": `;
  const line = head + p.message;
  if (p.col === undefined || p.source === '') return line;
  const indent = DETAIL_PREFIX_WIDTH + p.where.length + 3 + p.col; // 3 = `: "`
  return `${line}\n${' '.repeat(indent)}${'^'.repeat(Math.max(1, p.len ?? 1))}`;
}

/** One error for the whole batch; SYNTAX wins when a batch has both kinds. */
export function thresholdErrorFrom(problems: readonly ThresholdProblem[]): ThresholdError {
  const code = problems.some((p) => p.kind === 'syntax') ? 'GONOGO_THRESHOLD_SYNTAX' : 'GONOGO_THRESHOLD_TYPE';
  const n = new Set(problems.map((p) => p.where)).size; // an entry may have two problems (expression and delay)
  return new ThresholdError(code, `${n} invalid threshold${n === 1 ? '' : 's'}`, {
    details: problems.map(formatProblem),
    hint: 'see docs/thresholds.md for the grammar, the metrics and their aggregations',
  });
}

/** "number 5", "an object", "null": how an unexpected config value is named in messages. */
export function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v)}`;
}
