/**
 * Escaping for the text formats a run writes. Anything from a target or a scanned file (endpoint
 * names, response bodies, finding messages, paths) goes through these before it reaches a report.
 */
import { showControls } from '../core/show-controls.js';

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
