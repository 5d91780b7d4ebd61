/**
 * JSON.stringify leaves C1 controls, bidi overrides and U+2028/U+2029 raw inside strings.
 * They are valid JSON but reorder or hide text when someone `cat`s the file, and break it when
 * pasted into a <script>. Escaping them as \uXXXX keeps the same data and makes the file safe
 * to view; structural JSON characters are ASCII, so only string contents can match.
 */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** 2-space indent and a trailing newline: the layout of every JSON file gonogo writes. */
export function stringifyJson(value: unknown): string {
  return `${escapeUnsafeJson(JSON.stringify(value, null, 2))}\n`;
}

/** The escaping of `stringifyJson` on a piece of JSON text (a streamed report writes one finding at a time). */
export function escapeUnsafeJson(text: string): string {
  return text.replace(UNSAFE_IN_JSON, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
