import { OWASP, fail, pass, warn, type ProbeCheck } from '../check.js';

const HEADERS = ['Server', 'X-Powered-By', 'X-AspNet-Version', 'X-AspNetMvc-Version', 'X-Generator', 'X-Runtime', 'X-Version'];
const VERSION = /\d+\.\d+|\/\d+/;

export const disclosureBanner: ProbeCheck = {
  id: 'disclosure.banner',
  title: 'No version banners',
  category: 'Security',
  refs: { owasp: [OWASP.A05], cwe: ['CWE-200', 'CWE-497'], soc2: ['CC6.6'], iso27001: ['A.8.9'] },
  remediation: 'Remove X-Powered-By and version numbers from Server (e.g. ServerTokens Prod, server_tokens off, app.disable("x-powered-by")).',
  async run(ctx) {
    const base = await ctx.baseline();
    const notFound = { method: 'GET', url: ctx.url('/gonogo-probe-not-found') };
    const responses = [base, { req: notFound, res: await ctx.send(notFound) }];
    const versions: string[] = [];
    const products: string[] = [];
    for (const { req, res } of responses) {
      for (const h of HEADERS) {
        const v = ctx.header(res, h);
        if (v === undefined) continue;
        const item = `${h}: ${v} (${req.method} ${new URL(req.url).pathname})`;
        if (VERSION.test(v)) versions.push(item);
        else if (h !== 'Server') products.push(item);
      }
    }
    if (versions.length) return fail(`version disclosed: ${[...new Set(versions)].join('; ')}`);
    if (products.length) return warn(`technology disclosed: ${[...new Set(products)].join('; ')}`);
    const server = ctx.header(base.res, 'server');
    return pass(`no version in ${HEADERS.slice(0, 2).join(' / ')}${server ? ` (Server: ${server})` : ''} on ${responses.length} responses`);
  },
};
