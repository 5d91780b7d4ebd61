import type { Finding } from '../core/result.js';
import type { ParsedDoc } from './model.js';
import { docFinding } from './rules.js';

/** `[text][label]` with no definition, definitions nothing uses, and labels defined twice. */
export function checkReferences(file: string, doc: ParsedDoc): Finding[] {
  const findings: Finding[] = [];
  const used = new Set<string>();
  for (const r of doc.references) {
    if (r.defined) used.add(r.label);
    else findings.push(docFinding('docs.ref-undefined', file, r.line, `reference "[${r.label.toLowerCase()}]" has no definition`, r.label));
  }
  const first = new Map<string, number>();
  for (const d of doc.definitions) {
    const earlier = first.get(d.label);
    if (earlier !== undefined) {
      findings.push(docFinding('docs.ref-duplicate', file, d.line, `"[${d.label.toLowerCase()}]" is already defined on line ${earlier}; this definition is ignored`, d.label));
      continue;
    }
    first.set(d.label, d.line);
    if (!used.has(d.label)) findings.push(docFinding('docs.ref-unused', file, d.line, `definition "[${d.label.toLowerCase()}]" is never used`, d.label));
  }
  return findings.sort((a, b) => ('line' in a.location ? a.location.line ?? 0 : 0) - ('line' in b.location ? b.location.line ?? 0 : 0));
}
