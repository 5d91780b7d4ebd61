import { OWASP, fail, pass, warn, type ProbeCheck } from '../check.js';
import { explainStatus, readStatus } from '../status-reading.js';

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
    const notJudged: string[] = [];
    for (const method of ['TRACE', 'TRACK']) {
      const req = { method, url: ctx.settings.target, headers: { 'x-gonogo-trace': MARKER } };
      const res = await ctx.send(req);
      const reading = readStatus(res);
      // 405 and 501 are the two right answers; 501 says the server does not implement the method at all.
      const shown = `${ctx.show(req, res, ['Allow'])}${reading === 'refused' || reading === 'throttled' ? ` ${explainStatus(res).replace(/^\d+ /, '')}` : ''}`;
      results.push(shown);
      if (reading === 'ok' && res.body.includes(MARKER)) echoed ||= shown;
      else if (reading === 'ok') accepted ||= shown;
      else if (reading === 'throttled' || reading === 'no-answer') notJudged.push(shown);
    }
    if (echoed) return fail(`request echoed back (cross-site tracing): ${echoed}`);
    if (accepted) return warn(`answered 2xx without echoing: ${accepted}`);
    if (notJudged.length === results.length) return warn(`not judged (throttled or no answer): ${results.join(' | ')}`);
    return pass(`refused: ${results.join(' | ')}`);
  },
};
