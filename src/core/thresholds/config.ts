/**
 * Normalises the two config forms into a flat list of { input, where }:
 *
 *   thresholds: ["p(95)<500", { threshold: "rate<1%", abortOnFail: true }]        # list
 *   thresholds: { "http_req_duration{name:GET /}": ["p(95)<300"] }                  # k6 map: selector -> conditions
 *
 * A map entry becomes "selector: condition", so the parser sees one grammar and errors show the
 * whole expression.
 */
import { ConfigError } from '../errors.js';
import { typeName } from './problems.js';
import { didYouMean } from '../did-you-mean.js';
import type { ThresholdInput, ThresholdSource } from './types.js';

const INPUT_KEYS = ['threshold', 'abortOnFail', 'delayAbortEval'];

export function thresholdInputsFromConfig(value: unknown, basePath: string): ThresholdSource[] {
  const out: ThresholdSource[] = [];
  const problems: string[] = [];
  const take = (entry: unknown, where: string, selector?: string): void => {
    const input = toInput(entry, where, problems);
    if (input === undefined) return;
    if (selector === undefined) out.push({ input, where });
    else if (typeof input === 'string') out.push({ input: `${selector}: ${input}`, where });
    else out.push({ input: { ...input, threshold: `${selector}: ${input.threshold}` }, where });
  };

  if (value === undefined || value === null) return out;
  if (typeof value === 'string' || isThresholdObject(value)) {
    take(value, basePath);
  } else if (Array.isArray(value)) {
    value.forEach((entry, i) => {
      // YAML turns an unquoted `- http_reqs: rate>10` into { http_reqs: "rate>10" }: read it as written.
      const pair = selectorPair(entry);
      if (pair) take(pair[1], `${basePath}[${i}]`, pair[0]);
      else take(entry, `${basePath}[${i}]`);
    });
  } else if (typeof value === 'object') {
    for (const [selector, entries] of Object.entries(value)) {
      const path = `${basePath}[${JSON.stringify(selector)}]`;
      // k6 wants an array of conditions; one condition on its own is accepted too.
      if (Array.isArray(entries)) entries.forEach((entry, j) => take(entry, `${path}[${j}]`, selector));
      else take(entries, path, selector);
    }
  } else {
    problems.push(`${basePath}: expected a list of thresholds or a map of metric to conditions, found ${typeName(value)}`);
  }

  if (problems.length > 0) {
    const n = problems.length;
    throw new ConfigError('GONOGO_CONFIG_INVALID', `${n} invalid threshold entr${n === 1 ? 'y' : 'ies'}`, {
      details: problems,
      hint: 'a threshold is a string like "p(95)<500" or { threshold, abortOnFail?, delayAbortEval? }; see docs/thresholds.md',
    });
  }
  return out;
}

function selectorPair(v: unknown): [string, string] | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const entries = Object.entries(v);
  if (entries.length !== 1) return undefined;
  const [key, cond] = entries[0]!;
  return !INPUT_KEYS.includes(key) && typeof cond === 'string' ? [key, cond] : undefined;
}

function isThresholdObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as Record<string, unknown>).threshold === 'string';
}

/** A string, or an object whose keys are known; the values' types are checked by the parser. */
function toInput(entry: unknown, where: string, problems: string[]): string | ThresholdInput | undefined {
  if (typeof entry === 'string') return entry;
  if (!isThresholdObject(entry)) {
    problems.push(`${where}: expected a string like "p(95)<500" or { threshold, abortOnFail?, delayAbortEval? }, found ${typeName(entry)}`);
    return undefined;
  }
  const unknown = Object.keys(entry).filter((k) => !INPUT_KEYS.includes(k));
  for (const k of unknown) {
    const guess = didYouMean(k, INPUT_KEYS);
    problems.push(`${where}: unknown key '${k}'${guess ? `; did you mean '${guess}'?` : ` (known: ${INPUT_KEYS.join(', ')})`}`);
  }
  return unknown.length > 0 ? undefined : (entry as unknown as ThresholdInput);
}
