import { OWASP, fail, pass, warn, type ProbeCheck } from '../check.js';

const MARKER = 'gonogo-trace-marker';

export const methodsTrace: ProbeCheck = {
  id: 'methods.trace',
  title: 'TRACE disabled',
  category: 'Security',
  refs: { owasp: [OWASP.A05], cwe: ['CWE-693', 'CWE-200'], soc2: ['CC6.6'], iso27001: ['A.8.9'] },
  remediation: 'Refuse TRACE and TRACK (405), e.g. TraceEnable off in Apache.',
  async run(ctx) {
    const results: string[] = [];
    let echoed = '';
    let accepted = '';
    for (const method of ['TRACE', 'TRACK']) {
      const req = { method, url: ctx.settings.target, headers: { 'x-gonogo-trace': MARKER } };
      const res = await ctx.send(req);
      const shown = ctx.show(req, res);
      results.push(shown);
      if (res.status >= 200 && res.status < 300 && res.body.includes(MARKER)) echoed ||= shown;
      else if (res.status >= 200 && res.status < 300) accepted ||= shown;
    }
    if (echoed) return fail(`request echoed back (cross-site tracing): ${echoed}`);
    if (accepted) return warn(`answered 2xx without echoing: ${accepted}`);
    return pass(results.join(' | '));
  },
};
