import { OWASP, type SastRule } from '../rule.js';
import { taintSinkRule } from '../taint-sinks.js';

export const rule: SastRule = taintSinkRule(
  {
    id: 'sast.ldap-injection',
    title: 'LDAP filter built from request data',
    severity: 'high',
    cwe: 'CWE-90',
    owasp: OWASP.A03,
    families: ['js', 'py'],
    remediation: 'Escape values with ldap3.utils.conv.escape_filter_chars / ldap.filter.escape_filter_chars (or ldapjs EqualityFilter objects) before building the filter.',
    samples: {
      bad: [
        { lang: 'python', code: `from flask import request\nfrom ldap3 import Connection\n\ndef find_user(conn: Connection):\n    uid = request.args.get("uid")\n    conn.search("dc=example,dc=com", "(&(objectClass=person)(uid=" + uid + "))")\n    return conn.entries\n` },
        { lang: 'javascript', code: `app.get('/who', (req, res) => {\n  const filter = '(uid=' + req.query.uid + ')';\n  ldapClient.search('dc=example,dc=com', { filter, scope: 'sub' }, (e, r) => res.end());\n});\n` },
      ],
      good: [
        { lang: 'python', code: `from flask import request\nfrom ldap3 import Connection\nfrom ldap3.utils.conv import escape_filter_chars\n\ndef find_user(conn: Connection):\n    uid = escape_filter_chars(request.args.get("uid"))\n    conn.search("dc=example,dc=com", "(&(objectClass=person)(uid=" + uid + "))")\n    return conn.entries\n` },
        { lang: 'javascript', code: `const { EqualityFilter } = require('ldapjs');\napp.get('/who', (req, res) => {\n  const filter = new EqualityFilter({ attribute: 'uid', value: req.query.uid });\n  ldapClient.search('dc=example,dc=com', { filter: '(objectClass=person)', scope: 'sub' }, (e, r) => res.end());\n});\n` },
      ],
    },
  },
  'ldap',
  (call, ctx) => {
    if (ctx.family === 'py') {
      if (/^(?:search|search_s|search_st|search_ext|search_ext_s|paged_search)$/.test(call.last) && call.receiver) {
        return [call.args[call.last === 'search' ? 1 : 2], call.kw('search_filter'), call.kw('filterstr')];
      }
      return undefined;
    }
    if (call.last !== 'search' || !/ldap/i.test(ctx.name(call.receiver))) return undefined;
    const opts = call.args[1];
    return [opts?.type === 'object' ? ctx.prop(opts, 'filter') : opts];
  },
);
