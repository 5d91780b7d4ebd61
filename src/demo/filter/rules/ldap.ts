import type { FilterRule } from '../rule.js';

export const ldap: FilterRule = {
  id: 'ldap',
  title: 'LDAP injection',
  patterns: [/\*\)\s{0,20}\(|\)\s{0,20}\(\s{0,20}[|&!]|\(\s{0,20}[|&]\s{0,20}\(\s{0,20}\w{1,40}\s{0,20}=|\)\s{0,20}\(\s{0,20}\w{1,40}\s{0,20}=/],
  block: ['*)(uid=*))(|(uid=*', 'admin)(&)', '*)(|(objectclass=*)', 'x)(|(password=*))'],
  allow: ['(a)(b) are options', 'f(x) = y', 'five stars (*****)'],
};
