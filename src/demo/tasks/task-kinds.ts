import { createHash } from 'node:crypto';

/** What a task can do: small, harmless computations on text. */
export const TASK_KINDS = {
  wordcount: (input: string) => ({ words: input.split(/\s+/).filter(Boolean).length, characters: input.length }),
  sha256: (input: string) => ({ sha256: createHash('sha256').update(input).digest('hex') }),
  uppercase: (input: string) => ({ text: input.toUpperCase() }),
  reverse: (input: string) => ({ text: [...input].reverse().join('') }),
} as const satisfies Record<string, (input: string) => unknown>;

export type TaskKind = keyof typeof TASK_KINDS;
