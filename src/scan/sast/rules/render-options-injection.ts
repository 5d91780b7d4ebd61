import { OWASP, type SastRule } from '../rule.js';
import { taintSinkRule } from '../taint-sinks.js';

/**
 * res.render(view, req.body) / res.render(view, { ...req.query }): Express passes the locals to the view
 * engine as its options too, so the client can set `settings`, `layout`, `outputFunctionName`, `client` ...
 * (ejs, hbs and pug have had code execution and file read this way: CVE-2022-29078). Also a view name taken
 * from the request (`res.render(req.query.page)`).
 */
export const rule: SastRule = taintSinkRule(
  {
    id: 'sast.render-options-injection',
    title: 'Template rendered with locals or a view name taken whole from request data',
    severity: 'high',
    cwe: 'CWE-1336',
    owasp: OWASP.A03,
    families: ['js'],
    remediation: 'Pass the view engine only the named values it needs ({ name: req.body.name }), never the request object or a spread of it; pick view names from a fixed list.',
    samples: {
      bad: [
        { lang: 'javascript', code: `app.post('/preview', (req, res) => {\n  res.render('preview', { ...req.body });\n});\n` },
        { lang: 'javascript', code: `app.get('/page', (req, res) => {\n  res.render(req.query.page, req.query);\n});\n` },
      ],
      good: [
        { lang: 'javascript', code: `app.post('/preview', (req, res) => {\n  res.render('preview', { title: req.body.title, body: req.body.text });\n});\n` },
      ],
    },
  },
  'code',
  (call, ctx) => {
    if (!/^(?:res|response|reply|ctx)\.render$/.test(call.name)) return undefined;
    const [view, locals] = call.args;
    const out = [view];
    if (locals?.type === 'object') {
      for (const p of locals.namedChildren) if (p?.type === 'spread_element') out.push(p.namedChildren[0] ?? undefined);
    } else if (locals && locals.type !== 'arrow_function' && locals.type !== 'function_expression') out.push(locals);
    return out.filter((n) => n === undefined || ctx.str(n) === undefined);
  },
);
