import { OWASP, type SastRule } from '../rule.js';
import { taintSinkRule } from '../taint-sinks.js';

const SINKS = /^(?:os\.(?:system|popen|popen2|popen3)|commands\.getoutput|commands\.getstatusoutput|subprocess\.getoutput|subprocess\.getstatusoutput|platform\.popen)$/;
/** os.exec*(path, ...args) and os.spawn*(mode, path, ...args): the program, or everything after "sh -c". */
const EXEC = /^os\.(?:exec[lv]p?e?)$/;
const SPAWN = /^os\.(?:spawn[lv]p?e?)$/;
const SHELL = /^(?:\/bin\/|\/usr\/bin\/)?(?:sh|bash|zsh|dash)$/;

export const rule: SastRule = taintSinkRule(
  {
    id: 'sast.py-os-system',
    title: 'os.system/os.popen/os.exec*/os.spawn* with request data',
    severity: 'critical',
    cwe: 'CWE-78',
    owasp: OWASP.A03,
    bandit: 'B605',
    families: ['py'],
    remediation: 'Replace os.system/os.popen with subprocess.run([...]) and an argument list; validate the input against an allow-list.',
    samples: {
      bad: [
        { lang: 'python', code: `import os\nimport threading\n\ndef backup(request):\n    target = request.GET["dir"]\n    threading.Thread(target=os.system, args=("tar czf /tmp/b.tgz " + target,)).start()\n` },
        { lang: 'python', code: `import os\nfrom flask import request\n\ndef run():\n    os.execl("/bin/sh", "sh", "-c", "ls " + request.args["dir"])\n` },
        { lang: 'python', code: `import os\nfrom flask import request\n\ndef run():\n    os.spawnlp(os.P_WAIT, request.args["tool"], "tool")\n` },
        { lang: 'python', code: `import os\nfrom flask import request\n\ndef ping():\n    host = request.args.get("host")\n    stream = os.popen("ping -c 1 {}".format(host))\n    return stream.read()\n` },
      ],
      good: [
        { lang: 'python', code: `import os\nimport threading\n\ndef backup(request):\n    target = request.GET["dir"]\n    threading.Thread(target=os.system, args=("tar czf /tmp/b.tgz /srv/data",)).start()\n    threading.Thread(target=print, args=(target,)).start()\n` },
        { lang: 'python', code: `import os\nfrom flask import request\n\ndef run():\n    os.execv("/usr/bin/du", ["du", "-sh", request.args["dir"]])\n` },
        { lang: 'python', code: `import os\nfrom flask import request\n\ndef ping():\n    count = int(request.args.get("count", "1"))\n    os.system("ping -c %d localhost" % count)\n    os.system("uptime")\n` },
      ],
    },
  },
  'cmd',
  (call, ctx) => {
    if (SINKS.test(call.name)) return call.args;
    const at = EXEC.test(call.name) ? 0 : SPAWN.test(call.name) ? 1 : -1;
    if (at < 0) return undefined;
    const rest = call.args.slice(at);
    const flat = rest.flatMap((a) => (a.type === 'list' || a.type === 'tuple' ? a.namedChildren.filter((c) => c !== null) : [a]));
    const dashC = flat.findIndex((a) => ctx.str(a) === '-c');
    return SHELL.test(ctx.str(rest[0]) ?? '') && dashC > 0 ? flat.slice(dashC + 1) : [rest[0]];
  },
);
