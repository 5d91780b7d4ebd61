import { OWASP, type SastRule } from '../rule.js';
import { taintSinkRule } from '../taint-sinks.js';

const SPAWN = /^child_process\.(?:spawn|spawnSync|execFile|execFileSync)$/;

export const rule: SastRule = taintSinkRule(
  {
    id: 'sast.js-spawn-shell',
    title: 'spawn/execFile runs a program named by request data, or a shell with request data',
    severity: 'high',
    cwe: 'CWE-78',
    owasp: OWASP.A03,
    eslint: 'detect-child-process',
    families: ['js'],
    remediation: 'Drop `shell: true` and pass arguments as an array; the program then receives them without shell parsing.',
    samples: {
      bad: [{ lang: 'javascript', code: `const cp = require('child_process');\nexports.handler = async (event) => {\n  return cp.spawnSync(event['cmd']).stdout;\n};\n` }, { lang: 'javascript', code: `const cp = require('child_process');\nfunction convert(req, res) {\n  const file = req.query.file;\n  const p = cp.spawn('convert', [file, 'out.png'], { shell: true });\n  p.on('close', () => res.end());\n}\n` }],
      good: [{ lang: 'javascript', code: `const cp = require('child_process');\nfunction convert(req, res) {\n  const file = req.query.file;\n  const p = cp.spawn('convert', [file, 'out.png']);\n  p.on('close', () => res.end());\n}\n` }],
    },
  },
  'cmd',
  (call, ctx) => {
    if (!SPAWN.test(call.name)) return undefined;
    const opts = call.args.find((a) => a.type === 'object');
    const shell = ctx.prop(opts, 'shell');
    // Without a shell only the program itself matters: spawnSync(req.query.cmd) runs whatever it names.
    if (!shell || shell.type === 'false') return [call.args[0]];
    return call.args;
  },
);
