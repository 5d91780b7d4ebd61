import { OWASP, type SastRule } from '../rule.js';
import { taintSinkRule } from '../taint-sinks.js';

const SINKS = /^(?:os\.(?:system|popen|popen2|popen3|spawnl|spawnlp|spawnv|spawnvp|execl|execlp|execv|execvp)|commands\.getoutput|commands\.getstatusoutput|subprocess\.getoutput|subprocess\.getstatusoutput)$/;

export const rule: SastRule = taintSinkRule(
  {
    id: 'sast.py-os-system',
    title: 'os.system/os.popen with request data',
    severity: 'critical',
    cwe: 'CWE-78',
    owasp: OWASP.A03,
    bandit: 'B605',
    families: ['py'],
    remediation: 'Replace os.system/os.popen with subprocess.run([...]) and an argument list; validate the input against an allow-list.',
    samples: {
      bad: [{ lang: 'python', code: `import os\nfrom flask import request\n\ndef ping():\n    host = request.args.get("host")\n    stream = os.popen("ping -c 1 {}".format(host))\n    return stream.read()\n` }],
      good: [{ lang: 'python', code: `import os\nfrom flask import request\n\ndef ping():\n    count = int(request.args.get("count", "1"))\n    os.system("ping -c %d localhost" % count)\n    os.system("uptime")\n` }],
    },
  },
  'cmd',
  (call) => (SINKS.test(call.name) ? call.args : undefined),
);
