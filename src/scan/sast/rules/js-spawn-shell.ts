import { OWASP, type SastRule } from '../rule.js';
import { interpreterProgram } from '../interpreter-args.js';
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
      bad: [
        { lang: 'javascript', code: `const { execFile } = require('child_process');\napp.post('/calc', (req, res) => {\n  const expr = req.body.expr;\n  execFile('node', ['--no-deprecation', '-p', expr], (err, out) => res.send(out));\n});\n` },
        { lang: 'javascript', code: `const cp = require('child_process');\nexports.handler = async (event) => {\n  return cp.spawnSync(event['cmd']).stdout;\n};\n` }, { lang: 'javascript', code: `const cp = require('child_process');\nfunction convert(req, res) {\n  const file = req.query.file;\n  const p = cp.spawn('convert', [file, 'out.png'], { shell: true });\n  p.on('close', () => res.end());\n}\n` }],
      good: [
        { lang: 'javascript', code: `const cp = require('child_process');\nfunction convert(req, res) {\n  const file = req.query.file;\n  const p = cp.spawn('convert', [file, 'out.png']);\n  p.on('close', () => res.end());\n}\n` },
        { lang: 'javascript', code: `const { execFile } = require('child_process');\napp.post('/resize', (req, res) => {\n  execFile('python3', ['-u', 'scripts/resize.py', req.body.width], (err, out) => res.send(out));\n});\n` },
      ],
    },
  },
  'cmd',
  (call, ctx) => {
    if (!SPAWN.test(call.name)) return undefined;
    const opts = call.args.find((a) => a.type === 'object');
    const shell = ctx.prop(opts, 'shell');
    // Without a shell only the program matters: spawnSync(req.query.cmd) runs whatever it names, and an interpreter
    // runs the text after its code flag or its first non-option argument (spawn('node', ['-e', code])).
    if (!shell || shell.type === 'false') {
      const prog = ctx.constText(call.args[0]);
      const list = call.args[1]?.type === 'array' ? call.args[1].namedChildren : [];
      const program = prog === undefined ? undefined : interpreterProgram(prog, list.map((n) => ({ node: n ?? undefined, text: ctx.constText(n) })));
      return [call.args[0], ...(program ?? [])];
    }
    return call.args;
  },
);
