import type { Finding } from '../core/result.js';
import type { Heading } from './model.js';
import { docFinding } from './rules.js';

/** Required sections for the files a glob matches, in the order they must appear. */
export interface StructureRule {
  glob: string;
  sections: readonly string[];
}

const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

/** Each required section must be a heading (below the title) of the file, in the listed order. */
export function checkStructure(file: string, headings: readonly Heading[], sections: readonly string[], glob: string): Finding[] {
  const findings: Finding[] = [];
  const found = headings.filter((h) => h.level > 1);
  let lastIndex = -1;
  let lastName = '';
  for (const section of sections) {
    const index = found.findIndex((h) => norm(h.text) === norm(section));
    if (index === -1) {
      findings.push(docFinding('docs.section-missing', file, 1, `missing section "${section}" (required for ${glob})`, section));
      continue;
    }
    if (index < lastIndex) {
      findings.push(docFinding('docs.section-order', file, found[index]!.line, `section "${section}" comes before "${lastName}"; ${glob} requires ${sections.join(' → ')}`, section));
      continue;
    }
    lastIndex = index;
    lastName = section;
  }
  return findings;
}
