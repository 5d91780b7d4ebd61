import { OWASP, fail, pass, skip, type ProbeCheck } from '../check.js';
import type { ProbeRequest } from '../http.js';

const PARAMS = ['url', 'uri', 'target', 'src', 'link', 'dest', 'callback', 'webhook', 'image', 'feed', 'redirect', 'next'];
const ENDPOINTS = ['/fetch', '/proxy', '/preview', '/webhook', '/image', '/api/fetch', '/api/proxy', '/api/preview', '/api/webhook'];
/** Addresses a URL-taking parameter must refuse: loopback spellings (to the canary), link-local and cloud metadata. */
const loopbackUrls = (port: number, n: string) => [
  `http://127.0.0.1:${port}/gonogo-ssrf/${n}/a`,
  `http://localhost:${port}/gonogo-ssrf/${n}/b`,
  `http://2130706433:${port}/gonogo-ssrf/${n}/c`,
  `http://0x7f.0.0.1:${port}/gonogo-ssrf/${n}/d`,
  `http://127.1:${port}/gonogo-ssrf/${n}/e`,
];
const METADATA_URLS = ['http://169.254.169.254/latest/meta-data/', 'http://metadata.google.internal/computeMetadata/v1/', 'http://[fd00:ec2::254]/latest/meta-data/', 'http://169.254.170.2/v2/credentials'];
const METADATA_ANSWER = /ami-id|instance-id|computeMetadata|AccessKeyId|iam\/security-credentials|gonogo-canary/;

export const ssrf: ProbeCheck = {
  id: 'ssrf',
  title: 'No server-side request forgery',
  category: 'Security',
  refs: { owasp: [OWASP.A10], cwe: ['CWE-918'], soc2: ['CC6.6'], iso27001: ['A.8.20', 'A.8.26'] },
  remediation: 'Resolve and check the address of every user-supplied URL: refuse loopback, private, link-local and metadata ranges (after redirects too), or allow-list hosts.',
  cost: { min: 20, max: 420 },
  async run(ctx) {
    const canary = ctx.canary;
    const port = canary?.port ?? 9;
    // Which (endpoint, parameter) pairs to try: configured, else common names on endpoints that exist.
    let pairs = ctx.settings.ssrf.params.map((p) => ({ ...p }));
    let source = 'probe.ssrf.params';
    if (pairs.length === 0) {
      source = 'common parameter names';
      const existing = [new URL(ctx.settings.target).pathname];
      for (const path of ENDPOINTS) {
        const res = await ctx.send({ method: 'GET', url: ctx.url(path) });
        if (res.status !== 404 && res.status !== 0 && !ctx.isBlocked(res)) existing.push(new URL(ctx.url(path)).pathname);
      }
      pairs = existing.flatMap((path) => PARAMS.map((param) => ({ path, param, method: 'GET' as const })));
    }
    const hits: string[] = [];
    const answers: string[] = [];
    let sent = 0;
    const request = (p: { path: string; param: string; method: 'GET' | 'POST' }, value: string): ProbeRequest => {
      const url = `${ctx.target.origin}${p.path}`;
      if (p.method === 'POST') return { method: 'POST', url, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ [p.param]: value }) };
      return { method: 'GET', url: `${url}${url.includes('?') ? '&' : '?'}${p.param}=${encodeURIComponent(value)}` };
    };
    const try1 = async (req: ProbeRequest, tag: string) => {
      const before = canary?.hits.length ?? 0;
      const res = await ctx.send(req);
      sent++;
      if (canary && canary.hits.length > before) hits.push(`${ctx.show(req, res)} → canary saw ${canary.hits.slice(before).join(', ')}`);
      else if (METADATA_ANSWER.test(res.body)) answers.push(`${tag}: ${ctx.show(req, res)}`);
    };
    // One loopback probe per pair first; the full address list only where the parameter name was given or a pair reacted.
    for (const [i, p] of pairs.entries()) await try1(request(p, loopbackUrls(port, String(i))[0]!), `${p.path}?${p.param}`);
    const deep = source === 'probe.ssrf.params' ? pairs : pairs.filter((p) => ENDPOINTS.some((e) => p.path.endsWith(e)) && ['url', 'uri', 'target', 'src'].includes(p.param));
    for (const [i, p] of deep.entries()) {
      for (const u of [...loopbackUrls(port, `d${i}`).slice(1), ...METADATA_URLS]) await try1(request(p, u), `${p.path}?${p.param}`);
    }
    // A target may fetch asynchronously: give late hits a moment to arrive.
    if (canary && !ctx.settings.dryRun) {
      const before = canary.hits.length;
      await new Promise((r) => setTimeout(r, 250));
      if (canary.hits.length > before) hits.push(`late canary hits: ${canary.hits.slice(before).join(', ')}`);
    }
    if (!canary && !ctx.settings.dryRun) return skip('the loopback canary could not be started');
    if (hits.length) return fail(`the target fetched our loopback canary: ${hits.join(' | ')}`);
    if (answers.length) return fail(`metadata-like or canary content in the answer: ${answers.join(' | ')}`);
    return pass(`${sent} requests with loopback, link-local and metadata URLs in ${pairs.length} parameter(s) (${source}); the canary on 127.0.0.1:${port} saw no request`);
  },
};
