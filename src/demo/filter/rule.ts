/** Where a value came from: CRLF only matters in the URL and headers, not in JSON text. */
export type Scope = 'url' | 'header' | 'body';

/**
 * One family of attack payloads the demo's request filter answers with 403. Patterns run on
 * lower-cased, decoded variants of each value (see normalize.ts) and use bounded repetition so a
 * hostile input cannot make them backtrack for long. `block` and `allow` are samples a test checks.
 */
export interface FilterRule {
  id: string;
  title: string;
  patterns: RegExp[];
  /** Default: every scope. */
  scopes?: Scope[];
  block: string[];
  allow: string[];
}
