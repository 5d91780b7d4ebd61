import type { FilterRule } from '../rule.js';

/** A line break in a URL, header or cookie value is response splitting. */
export const crlf: FilterRule = {
  id: 'crlf',
  title: 'CRLF injection',
  patterns: [/[\r\n]/],
  scopes: ['url', 'header'],
  block: ['x\r\nSet-Cookie: a=1', 'x\nLocation: http://evil.example'],
  allow: ['plain value', 'a, b; c'],
};

/** In a body a newline is ordinary text; a line break followed by a response header is not. */
export const crlfInBody: FilterRule = {
  id: 'crlf',
  title: 'CRLF injection',
  patterns: [/[\r\n]\s{0,5}(?:set-cookie|location|content-type|content-length|transfer-encoding|refresh|access-control-allow-[a-z-]{1,20}|content-security-policy)\s{0,5}:/],
  scopes: ['body'],
  block: ['x\r\nSet-Cookie: injected=1', 'x\r\nLocation: http://127.0.0.1/\r\n\r\n<html>'],
  allow: ['first line\r\nsecond line', 'Notes:\nmeeting at noon\ncontent: slides'],
};
