import { OWASP, type SastRule } from '../rule.js';
import { taintSinkRule } from '../taint-sinks.js';

const EXEC = /^child_process\.(?:exec|execSync)$|^(?:shelljs|shell)\.exec$/;

export const rule: SastRule = taintSinkRule(
  {
    id: 'sast.js-exec-injection',
    title: 'OS command built from request data (child_process.exec)',
    severity: 'critical',
    cwe: 'CWE-78',
    owasp: OWASP.A03,
    eslint: 'detect-child-process',
    families: ['js'],
    remediation: 'Use execFile/spawn with an argument array and no shell; never build a shell command string from input.',
    samples: {
      bad: [
        { lang: 'javascript', code: `const { exec } = require('child_process');\napp.get('/ping', (req, res) => {\n  const host = req.query.host;\n  exec('ping -c 1 ' + host, (err, out) => res.send(out));\n});\n` },
        { lang: 'typescript', code: `import * as cp from 'node:child_process';\nexport function handler(req: any, res: any) {\n  const { dir } = req.body;\n  const out = cp.execSync(\`ls -la \${dir}\`);\n  res.send(out);\n}\n` },
      ],
      good: [
        { lang: 'javascript', code: `const { exec, execFile } = require('child_process');\napp.get('/ping', (req, res) => {\n  execFile('ping', ['-c', '1', req.query.host], (err, out) => res.send(out));\n  exec('uptime', (e, o) => console.log(o));\n});\n` },
        { lang: 'typescript', code: `import * as cp from 'node:child_process';\nexport function handler(req: any, res: any) {\n  const n = parseInt(req.body.n, 10);\n  res.send(cp.execSync(\`seq \${n}\`));\n}\n` },
      ],
    },
  },
  'cmd',
  (call) => (EXEC.test(call.name) ? [call.args[0]] : undefined),
);
