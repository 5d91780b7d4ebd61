import { OWASP, fail, pass, warn, type ProbeCheck } from '../check.js';
import { describeDiscovery, discoveredEndpoints, type Discovery, type Endpoint } from '../discovery.js';
import type { ProbeRequest } from '../http.js';
import { explainStatus, readStatus } from '../status-reading.js';

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

/** Requests for the base URL: six malformed ones, up to six to find a login endpoint, one to it. */
const ROOT_REQUESTS = 13;
/** At most this many per discovered endpoint. */
const PER_ENDPOINT = 2;

export const disclosureErrors: ProbeCheck = {
  id: 'disclosure.errors',
  title: 'No stack traces on bad input',
  category: 'Security',
  refs: { owasp: [OWASP.A05, OWASP.A04], cwe: ['CWE-209', 'CWE-489', 'CWE-497'], soc2: ['CC7.1'], iso27001: ['A.8.9', 'A.8.28'] },
  remediation: 'Catch errors at the edge and answer malformed input with a generic 4xx body; turn debug mode off in production.',
  usesDiscovery: true,
  // Before discovery has run the planner assumes a dozen endpoints; after it, the real count.
  cost: (ctx) => ({ min: ROOT_REQUESTS, max: ROOT_REQUESTS + PER_ENDPOINT * (ctx.memoised<Discovery>('discovery')?.endpoints.length ?? 12) }),
  async run(ctx) {
    const base = ctx.settings.target;
    const sep = base.includes('?') ? '&' : '?';
    const login = await ctx.loginEndpoint();
    const json = { 'content-type': 'application/json' };
    const reqs: ProbeRequest[] = [
      { method: 'POST', url: base, headers: json, body: MALFORMED_JSON },
      { method: 'POST', url: base, headers: json, body: '{"__proto__": {"x": 1}, "a": 1e99999}' },
      { method: 'GET', url: `${base}${sep}id=%27&q[]=1&q[x]=2`, rawTarget: `${new URL(base).pathname}${sep}id=%27&q[]=1&q[x]=2` },
      { method: 'GET', url: ctx.url('/%E0%A4%A'), rawTarget: `${new URL(ctx.url('/')).pathname}%E0%A4%A` },
      { method: 'GET', url: ctx.url(`/${'A'.repeat(4096)}`) },
      { method: 'POST', url: base, headers: { 'content-type': 'application/xml' }, body: '<a><b></a>' },
    ];
    if (login) reqs.push({ method: login.method, url: ctx.url(login.path), headers: json, body: '{"username": {"$ne": null}, "password": [' });
    const discovery = await discoveredEndpoints(ctx);
    const endpoints = discovery.endpoints.filter((e) => e.source !== 'target');
    const batches = [reqs, ...endpoints.map(malformedFor)];
    const leaks: string[] = [];
    const errors: string[] = [];
    const notJudged: string[] = [];
    let sent = 0;
    let probed = 0;
    const left: string[] = [];
    for (const [i, batch] of batches.entries()) {
      if (i > 0 && ctx.room < batch.length) {
        if (i > 0) left.push(`${endpoints[i - 1]!.method} ${new URL(endpoints[i - 1]!.url).pathname}`);
        continue;
      }
      if (i > 0) probed++;
      for (const req of batch) {
        if (ctx.room === 0) break;
        const res = await ctx.send(req);
        sent++;
        const hit = LEAK_PATTERNS.find(([, re]) => re.test(res.body));
        const reading = readStatus(res);
        if (hit) leaks.push(`${hit[0]} in ${ctx.show(req, res)}: ${ctx.mask(excerpt(res.body, hit[1]))}`);
        else if (reading === 'server-error') errors.push(ctx.show(req, res));
        else if (reading === 'throttled' || reading === 'no-answer') notJudged.push(`${ctx.show(req, res)} ${reading === 'throttled' ? explainStatus(res) : ''}`.trim());
      }
    }
    const where = `${sent} malformed requests to the base URL and ${probed} of ${endpoints.length} discovered endpoint(s) (${describeDiscovery(discovery)})`;
    const uncovered = left.length ? `${left.length} discovered endpoint(s) not probed within the budget: ${left.slice(0, 5).join(', ')}${left.length > 5 ? ', …' : ''}` : undefined;
    const tail = `${notJudged.length ? `; ${notJudged.length} not judged (throttled or no answer): ${notJudged.slice(0, 2).join(' | ')}` : ''}${uncovered ? `; ${uncovered}` : ''}`;
    const out = leaks.length
      ? fail(`${leaks.join(' | ')}; ${where}${tail}`)
      : errors.length
        ? warn(`malformed input causes server errors (no trace shown): ${errors.join(' | ')}; ${where}${tail}`)
        : notJudged.length && notJudged.length === sent
          ? warn(`nothing could be judged: ${where}${tail}`)
          : pass(`no stack traces or debug pages: ${where}${tail}`);
    return uncovered ? { ...out, uncovered } : out;
  },
};

const MALFORMED_JSON = '{"a": [1, 2';

/** What one discovered endpoint gets: truncated JSON where a body is taken (or an API path), broken query values otherwise. */
export function malformedFor(e: Endpoint): ProbeRequest[] {
  const u = new URL(e.url);
  const fields = e.fields.length ? e.fields : ['id'];
  const badQuery = fields.slice(0, 3).map((f) => `${encodeURIComponent(f)}=%27%22%3C`).join('&') + '&q[]=1&q[x]=2';
  const query = { method: 'GET', url: `${u.origin}${u.pathname}?${badQuery}`, rawTarget: `${u.pathname}?${badQuery}` };
  const bodyMethod = e.method === 'GET' ? 'POST' : e.method;
  if (e.json) return [{ method: bodyMethod, url: e.url, headers: { 'content-type': 'application/json' }, body: MALFORMED_JSON }, query];
  if (e.method !== 'GET') {
    const form = fields.map((f) => `${encodeURIComponent(f)}=%E0%A4%A`).join('&') + '&x[]=1&x[y]=2';
    return [{ method: e.method, url: e.url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form }, { method: e.method, url: e.url, headers: { 'content-type': 'application/json' }, body: MALFORMED_JSON }];
  }
  return [query];
}

function excerpt(body: string, re: RegExp): string {
  const m = re.exec(body);
  const at = m?.index ?? 0;
  return JSON.stringify(body.slice(Math.max(0, at - 20), at + 100));
}
