/**
 * The label convention of our SAST corpora (that of peers' rule-test files): a comment `ruleid: <rule>` before
 * code that must get a finding of that rule, `ok: <rule>` before code that must not; `todoruleid` / `todook`
 * mark a known miss / a known false positive, kept so that a fix shows up. A label covers the lines after it up
 * to the next label, blank line or 12 lines, whichever comes first (bench/sast-corpus.mjs reads the same spans).
 */
export type LabelKind = 'ruleid' | 'ok' | 'todoruleid' | 'todook';
export interface Label { kind: LabelKind; rule: string; line: number; from: number; to: number }

const LABEL = /^\s*(?:#|\/\/)\s*(ruleid|ok|todoruleid|todook):\s*(sast\.[\w-]+)/;

export function corpusLabels(lines: string[], kinds: readonly LabelKind[] = ['ruleid', 'ok', 'todoruleid', 'todook']): Label[] {
  const out: Label[] = [];
  lines.forEach((l, i) => {
    const m = LABEL.exec(l);
    if (!m || !kinds.includes(m[1] as LabelKind)) return;
    let to = i + 1;
    for (let j = i + 1; j < lines.length && j < i + 13; j++) {
      if (LABEL.test(lines[j]!) || lines[j]!.trim() === '') break;
      to = j + 1;
    }
    out.push({ kind: m[1] as LabelKind, rule: m[2]!, line: i + 1, from: i + 2, to });
  });
  return out;
}
