import { readFile } from 'node:fs/promises';
import { GonogoError } from '../../core/errors.js';
import { LOAD_RESULT_SCHEMA, type LoadResult } from '../../core/load-result.js';

/** A load result and where it came from (a file, or a pod's log), as the merge names it in errors. */
export interface SourcedResult {
  source: string;
  result: LoadResult;
}

export function mergeInputError(source: string, message: string, hint?: string): GonogoError {
  return new GonogoError('GONOGO_MERGE_INPUT', `${source}: ${message}`, { where: source, hint: hint ?? 'give the --out files of the segments of one split run (docs/distributed.md)' });
}

/** Read and check one result file; every failure is exit 2 naming the file. */
export async function readResultFile(file: string): Promise<SourcedResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw mergeInputError(file, `cannot read it: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, 'check the path');
  }
  return { source: file, result: parseResultText(file, text) };
}

/** JSON text -> a checked LoadResult; `source` names it in errors. */
export function parseResultText(source: string, text: string): LoadResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw mergeInputError(source, `is not valid JSON (truncated?): ${(err as Error).message}`);
  }
  checkShape(source, value);
  return value;
}

type Json = Record<string, unknown>;

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Enough of load-result@1 to merge it exactly: counts, histograms, timeline, generator. A file that
 * lacks them is foreign (another tool's JSON) or cut short, and merging it would give wrong figures.
 */
function checkShape(source: string, v: unknown): asserts v is LoadResult {
  const bad = (what: string) => {
    throw mergeInputError(source, `is not a complete gonogo load result: ${what}`, 'merge the files `gonogo load --out` wrote (schema gonogo/load-result@1), whole');
  };
  if (!isObj(v)) return bad('it is not a JSON object');
  if (v.schema !== LOAD_RESULT_SCHEMA) return bad(`schema is ${JSON.stringify(v.schema)}, expected "${LOAD_RESULT_SCHEMA}"`);
  for (const k of ['target', 'startedAt', 'latencyHdr']) if (typeof v[k] !== 'string') bad(`"${k}" is missing or not a string`);
  if (!isNum(v.durationMs)) bad('"durationMs" is missing');
  if (!isObj(v.totals) || !isNum(v.totals.requests) || !isNum(v.totals.errors)) bad('"totals" is missing or incomplete');
  if (!isObj(v.options)) bad('"options" is missing');
  if (!isObj(v.generator) || !Array.isArray(v.generator.reasons)) bad('"generator" is missing or incomplete');
  if (!Array.isArray(v.endpoints)) return bad('"endpoints" is missing');
  v.endpoints.forEach((e, i) => {
    if (!isObj(e) || typeof e.name !== 'string' || typeof e.latencyHdr !== 'string' || !isNum(e.requests) || !isNum(e.errors)) bad(`endpoints[${i}] is incomplete`);
  });
  if (!Array.isArray(v.timeline)) return bad('"timeline" is missing');
  v.timeline.forEach((p, i) => {
    if (!isObj(p) || !isNum(p.t) || !isNum(p.requests)) bad(`timeline[${i}] is incomplete`);
  });
  if (v.execution !== undefined && (!isObj(v.execution) || typeof v.execution.segment !== 'string' || typeof v.execution.optionsFingerprint !== 'string')) bad('"execution" is incomplete');
}
