import type { FilterRule } from '../rule.js';

/** A line break in a URL, header or cookie value is response splitting; in a JSON text it is a newline. */
export const crlf: FilterRule = {
  id: 'crlf',
  title: 'CRLF injection',
  patterns: [/[\r\n]/],
  scopes: ['url', 'header'],
  block: ['x\r\nSet-Cookie: a=1', 'x\nLocation: http://evil.example'],
  allow: ['plain value', 'a, b; c'],
};
