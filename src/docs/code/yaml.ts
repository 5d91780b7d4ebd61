import { parseAllDocuments } from 'yaml';
import type { CodeProblem } from './types.js';

/** Every document in the block (`---` separated); the first error on each line. */
export function checkYaml(code: string): CodeProblem[] {
  const problems: CodeProblem[] = [];
  const seen = new Set<number>();
  const docs = parseAllDocuments(code, { prettyErrors: false });
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    for (const e of doc.errors) {
      const line = e.linePos?.[0]?.line ?? code.slice(0, e.pos[0]).split('\n').length;
      if (seen.has(line)) continue;
      seen.add(line);
      problems.push({ line, message: e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '') });
    }
  }
  return problems;
}
