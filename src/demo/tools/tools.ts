import { createHash } from 'node:crypto';
import { z } from 'zod';
import { calculate } from './calculator.js';

/**
 * The built-in tools an agent may call. Each is a pure function of its input: no shell, no file
 * system, no network (so no SSRF through a tool).
 */
export interface Tool {
  name: string;
  description: string;
  input: z.ZodType;
  /** JSON Schema of the input, shown by GET /api/tools. */
  inputSchema: Record<string, unknown>;
  run(input: never): unknown;
}

const text = z.object({ text: z.string().max(100_000) }).strict();
const textSchema = { type: 'object', properties: { text: { type: 'string' } }, required: ['text'], additionalProperties: false };

export const TOOLS: readonly Tool[] = [
  { name: 'echo', description: 'Returns the text it is given.', input: text, inputSchema: textSchema, run: (i: { text: string }) => ({ text: i.text }) },
  {
    name: 'word_count',
    description: 'Counts words, lines and characters.',
    input: text,
    inputSchema: textSchema,
    run: (i: { text: string }) => ({ words: i.text.split(/\s+/).filter(Boolean).length, lines: i.text === '' ? 0 : i.text.split('\n').length, characters: i.text.length }),
  },
  {
    name: 'calculator',
    description: 'Evaluates arithmetic: + - * / % ^ and parentheses.',
    input: z.object({ expression: z.string().max(200) }).strict(),
    inputSchema: { type: 'object', properties: { expression: { type: 'string', maxLength: 200 } }, required: ['expression'], additionalProperties: false },
    run: (i: { expression: string }) => ({ value: calculate(i.expression) }),
  },
  { name: 'sha256', description: 'SHA-256 of the text, in hex.', input: text, inputSchema: textSchema, run: (i: { text: string }) => ({ sha256: createHash('sha256').update(i.text).digest('hex') }) },
];

export const TOOLS_BY_NAME: ReadonlyMap<string, Tool> = new Map(TOOLS.map((t) => [t.name, t]));
