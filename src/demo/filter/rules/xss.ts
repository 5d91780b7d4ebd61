import type { FilterRule } from '../rule.js';

export const xss: FilterRule = {
  id: 'xss',
  title: 'cross-site scripting',
  patterns: [
    /<\s{0,20}\/?\s{0,20}script\b/,
    // eslint-disable-next-line no-control-regex -- browsers accept control characters before an event attribute
    /<[a-z][^>]{0,500}?[\s/"'\u0000-\u001f]on[a-z]{3,30}\s{0,20}=/,
    /(?:javascript|vbscript|livescript)\s{0,20}:[^\s]/,
    /<\s{0,20}(?:iframe|frame|frameset|object|embed|applet)\b/,
    /\bsrcdoc\s{0,20}=|data:\s{0,20}text\/html|style\s{0,20}=[^>]{0,200}expression\s{0,20}\(/,
    /['"`][\s\-+*/;,)]{0,20}(?:alert|prompt|confirm|eval)\s{0,20}\(/,
    /\bdocument\s{0,5}\.\s{0,5}(?:cookie|domain|write\s{0,5}\()|\bwindow\s{0,5}\.\s{0,5}location\s{0,5}=/,
  ],
  block: [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '"><svg/onload=alert(1)>',
    '<body onload=alert(document.cookie)>',
    'javascript:alert(1)',
    '<iframe src="https://evil.example">',
    "'-alert(1)-'",
    '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
  ],
  allow: [
    '1 < 2 and 3 > 2',
    'I <3 this product',
    'Use the <b>bold</b> tag for emphasis',
    'JavaScript: The Good Parts',
    'set an alert (daily) for the build',
    'the onboarding = great',
    'a regular expression (regex) helps',
  ],
};
