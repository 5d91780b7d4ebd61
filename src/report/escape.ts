/**
 * Escaping for the text formats a run writes. Anything from a target or a scanned file (endpoint
 * names, response bodies, finding messages, paths) goes through these before it reaches a report.
 */

// C0/C1 controls (but tab), bidi overrides and isolates, line/paragraph separators.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Control and bidi characters become visible `\u{..}` text, so a string cannot hide or reorder what follows it. */
export function showControls(s: string, keepNewlines = false): string {
  return s.replace(INVISIBLE, (ch) => (keepNewlines && (ch === '\n' || ch === '\r') ? ch : `\\u{${ch.charCodeAt(0).toString(16)}}`));
}

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** Safe in HTML text and in quoted attribute values. */
export function escapeHtml(s: string | number): string {
  return showControls(String(s), true).replace(/[&<>"'`]/g, (c) => HTML[c]!);
}

/** XML 1.0 text and attributes; characters XML cannot carry at all are shown as escapes. */
export function escapeXml(s: string | number): string {
  return showControls(String(s), true)
    .replace(/[\ud800-\udfff]/g, (c, i: number, all: string) => (isPaired(all, i) ? c : '\\u{fffd}'))
    .replace(/[&<>"']/g, (c) => HTML[c]!);
}

function isPaired(s: string, i: number): boolean {
  const code = s.charCodeAt(i);
  if (code <= 0xdbff) return i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff;
  return i > 0 && s.charCodeAt(i - 1) >= 0xd800 && s.charCodeAt(i - 1) <= 0xdbff;
}

/**
 * One Markdown table cell or inline text: GitHub renders raw HTML and Markdown syntax in a PR comment,
 * so both are escaped; line breaks would end the table row.
 */
export function escapeMarkdown(s: string | number): string {
  return showControls(String(s).replace(/\r?\n|\r/g, ' '))
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/[&<]/g, (c) => (c === '&' ? '&amp;' : '&lt;'));
}
