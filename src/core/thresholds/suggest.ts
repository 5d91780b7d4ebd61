import { didYouMean } from '../did-you-mean.js';

/**
 * didYouMean plus one swap of neighbouring letters ("nmae" -> "name"): plain Levenshtein counts a
 * swap as two edits, which short words cannot afford, yet it is the most common typo.
 */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  const close = didYouMean(word, candidates);
  if (close !== undefined) return close;
  const w = word.toLowerCase();
  return candidates.find((c) => isOneSwapApart(w, c.toLowerCase()));
}

function isOneSwapApart(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const diff: number[] = [];
  for (let i = 0; i < a.length && diff.length <= 2; i++) if (a[i] !== b[i]) diff.push(i);
  const [i, j] = diff;
  return diff.length === 2 && j === i! + 1 && a[i!] === b[j] && a[j] === b[i!];
}
