import { describe, expect, it } from 'vitest';
import { sanitizeForTerminal } from '../../src/report/sanitize-terminal.js';

describe('sanitizeForTerminal', () => {
  it('escapes ESC so CSI and OSC sequences print as text instead of acting', () => {
    expect(sanitizeForTerminal('a\u001b[2Jb\u001b]0;title\u0007c')).toBe('a\\x1b[2Jb\\x1b]0;title\\x07c');
  });

  it('escapes DEL, C1 controls (one-byte CSI) and bidi overrides', () => {
    expect(sanitizeForTerminal('x\u007fy\u009bz')).toBe('x\\x7fy\\x9bz');
    expect(sanitizeForTerminal('admin\u202eevil\u2066')).toBe('admin\\u202eevil\\u2066');
  });

  it('turns line breaks and tabs into single spaces, CRLF counting once', () => {
    expect(sanitizeForTerminal('one\r\ntwo\nthree\tfour\u2028five')).toBe('one two three four five');
  });

  it('leaves ordinary text, HTML and non-ASCII letters alone', () => {
    const text = '<a href="x">Ünïcødé ✓ 日本語 🚀</a>';
    expect(sanitizeForTerminal(text)).toBe(text);
  });

  it('escapes a lone surrogate', () => {
    expect(sanitizeForTerminal('a\ud800b')).toBe('a\\ud800b');
  });
});
