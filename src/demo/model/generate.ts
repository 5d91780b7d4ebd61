import { createHash } from 'node:crypto';

/**
 * A stand-in language model: deterministic text from the prompt, one "token" per word. It does no
 * inference; the point is realistic shape and timing (per-token latency, streaming) for load tests.
 */
const VOCABULARY = (
  'the service answers within budget while latency stays low and errors stay rare ' +
  'every request is measured and each check passes before launch so the team can ship ' +
  'queues drain quickly caches stay warm tokens stream steadily and the gate says go'
).split(' ');

export const MODEL_NAME = 'gonogo-demo-1';
export const DEFAULT_MAX_TOKENS = 16;
export const MAX_TOKENS_LIMIT = 512;

/** Rough token count of a text: words and punctuation marks. */
export function countTokens(text: string): number {
  return text.match(/[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu)?.length ?? 0;
}

/** The tokens of the answer to a prompt (words with their leading space, except the first). */
export function generateTokens(prompt: string, maxTokens: number): string[] {
  const seed = createHash('sha256').update(prompt).digest();
  const n = Math.max(1, Math.min(maxTokens, MAX_TOKENS_LIMIT));
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const word = VOCABULARY[(seed[i % seed.length]! + i * 7) % VOCABULARY.length]!;
    out.push(i === 0 ? word[0]!.toUpperCase() + word.slice(1) : ` ${word}`);
  }
  out[out.length - 1] += '.';
  return out;
}
