import type { FilterRule } from '../rule.js';

export const traversal: FilterRule = {
  id: 'traversal',
  title: 'path traversal',
  patterns: [
    /\.\.[/\\]|[/\\]\.\.$|^\.\.$/,
    /\/etc\/(?:passwd|shadow|hosts|group|issue)\b|\/proc\/self\/|\b(?:boot|win)\.ini\b|c:\\windows\\/,
    // eslint-disable-next-line no-control-regex -- a NUL byte is exactly what this pattern looks for
    /\u0000/,
  ],
  block: ['../../etc/passwd', '..\\..\\windows\\win.ini', '/etc/passwd', '....//....//etc/hosts', 'file.txt\u0000.png', '/static/..'],
  allow: ['Wait... what?', 'see docs/guide.md', 'version 1..2 of the range', 'C:/Users/me/notes.txt', 'the etc. and passwords'],
};
