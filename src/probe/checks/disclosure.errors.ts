import { OWASP, fail, pass, warn, type ProbeCheck } from '../check.js';
import type { ProbeRequest } from '../http.js';

/** Signs of a stack trace or a framework debug page in a response body. */
export const LEAK_PATTERNS: [string, RegExp][] = [
  ['Node.js stack trace', /\n\s+at [\w$.<>\s[\]]+ \(?[^)\n]*:\d+:\d+\)?/],
  ['Python traceback', /Traceback \(most recent call last\)/],
  ['Java stack trace', /\bat (java|javax|org\.springframework|com\.sun)\.[\w.$]+\(/],
  ['Java exception', /\b(java\.lang|javax\.servlet)\.\w*Exception/],
  ['.NET stack trace', /System\.\w+Exception|at System\.[\w.]+\(|Server Error in '\/' Application/],
  ['PHP error', /(Fatal error|Warning|Notice|Parse error)<\/b>:|on line <b>\d+<\/b>|\.php on line \d+/],
  ['Ruby/Rails error', /ActionController::|\.rb:\d+:in `/],
  ['Go panic', /goroutine \d+ \[running\]/],
  ['SQL error', /SQLSTATE\[|You have an error in your SQL syntax|ORA-\d{5}|PG::\w+Error|SQLITE_ERROR|psql: ERROR/],
  ['debug page', /Werkzeug Debugger|DEBUG = True|Whoops! There was an error|__debug__|Django Version:|Laravel|express-debug/],
  ['source path', /(\/home\/|\/usr\/src\/app\/|\/var\/www\/|C:\\\\Users\\\\|node_modules\/)[\w./-]+\.(js|ts|py|rb|php|java)\b/],
];

export const disclosureErrors: ProbeCheck = {
  id: 'disclosure.errors',
  title: 'No stack traces on bad input',
  category: 'Security',
  refs: { owasp: [OWASP.A05, OWASP.A04], cwe: ['CWE-209', 'CWE-489', 'CWE-497'], soc2: ['CC7.1'], iso27001: ['A.8.9', 'A.8.28'] },
  remediation: 'Catch errors at the edge and answer malformed input with a generic 4xx body; turn debug mode off in production.',
  async run(ctx) {
    const base = ctx.settings.target;
    const sep = base.includes('?') ? '&' : '?';
    const login = await ctx.loginEndpoint();
    const json = { 'content-type': 'application/json' };
    const reqs: ProbeRequest[] = [
      { method: 'POST', url: base, headers: json, body: '{"a": [1, 2' },
      { method: 'POST', url: base, headers: json, body: '{"__proto__": {"x": 1}, "a": 1e99999}' },
      { method: 'GET', url: `${base}${sep}id=%27&q[]=1&q[x]=2`, rawTarget: `${new URL(base).pathname}${sep}id=%27&q[]=1&q[x]=2` },
      { method: 'GET', url: ctx.url('/%E0%A4%A'), rawTarget: `${new URL(ctx.url('/')).pathname}%E0%A4%A` },
      { method: 'GET', url: ctx.url(`/${'A'.repeat(4096)}`) },
      { method: 'POST', url: base, headers: { 'content-type': 'application/xml' }, body: '<a><b></a>' },
    ];
    if (login) reqs.push({ method: login.method, url: ctx.url(login.path), headers: json, body: '{"username": {"$ne": null}, "password": [' });
    const leaks: string[] = [];
    const errors: string[] = [];
    for (const req of reqs) {
      const res = await ctx.send(req);
      const hit = LEAK_PATTERNS.find(([, re]) => re.test(res.body));
      if (hit) leaks.push(`${hit[0]} in ${ctx.show(req, res)}: ${ctx.mask(excerpt(res.body, hit[1]))}`);
      else if (res.status >= 500) errors.push(ctx.show(req, res));
    }
    if (leaks.length) return fail(leaks.join(' | '));
    if (errors.length) return warn(`malformed input causes server errors (no trace shown): ${errors.join(' | ')}`);
    return pass(`${reqs.length} malformed requests answered without stack traces or debug pages`);
  },
};

function excerpt(body: string, re: RegExp): string {
  const m = re.exec(body);
  const at = m?.index ?? 0;
  return JSON.stringify(body.slice(Math.max(0, at - 20), at + 100));
}
