import { interpreterProgram } from '../interpreter-args.js';
import type { SyntaxNode } from '../parser.js';
import { OWASP, type RuleContext, type SastRule } from '../rule.js';
import { taintSinkRule } from '../taint-sinks.js';

/** A list written inline, or a list variable tracked position by position: each item with its constant text. */
function argvOf(list: SyntaxNode | undefined, ctx: RuleContext): { node: SyntaxNode | undefined; text: string | undefined }[] | undefined {
  if (list?.type === 'list' || list?.type === 'tuple') return list.namedChildren.map((n) => ({ node: n ?? undefined, text: ctx.constText(n) }));
  if (list?.type !== 'identifier') return undefined;
  const out: { node: SyntaxNode | undefined; text: string | undefined }[] = [];
  for (let i = 0, n = ctx.element(list, 0); n && i < 16; n = ctx.element(list, ++i)) out.push({ node: n, text: ctx.constText(n) });
  return out;
}

const SUBPROCESS = /^(?:subprocess\.(?:run|call|check_call|check_output|Popen)|asyncio\.create_subprocess_exec|(?:os\.)?posix_spawnp?)$/;
const ALWAYS_SHELL = /^asyncio\.create_subprocess_shell$/;

export const rule: SastRule = taintSinkRule(
  {
    id: 'sast.py-shell-injection',
    title: 'subprocess runs a shell command built from request data',
    severity: 'critical',
    cwe: 'CWE-78',
    owasp: OWASP.A03,
    bandit: 'B602',
    families: ['py'],
    remediation: 'Call subprocess with a list of arguments and shell=False (the default); quote with shlex.quote only when a shell is unavoidable.',
    samples: {
      bad: [
        { lang: 'python', code: `import subprocess\nfrom flask import request\n\n@app.route("/lookup")\ndef lookup():\n    domain = request.args.get("domain", "")\n    cmd = "nslookup %s" % domain\n    return subprocess.check_output(cmd, shell=True)\n` },
        { lang: 'python', code: `import subprocess\nfrom flask import request\n\ndef archive():\n    name = request.form["name"]\n    subprocess.run(["sh", "-c", f"tar czf /tmp/{name}.tgz data"])\n` },
        { lang: 'python', code: `import subprocess\nimport flask\n\n@app.route("/ping/<ip>")\ndef ping(ip):\n    return subprocess.run("ping -c 1 " + ip)\n` },
        { lang: 'python', code: `import asyncio\nfrom flask import request\n\nasync def run():\n    proc = await asyncio.create_subprocess_shell("du -sh " + request.args["dir"])\n    return await proc.communicate()\n` },
        { lang: 'python', code: `import subprocess\nfrom flask import request\n\ndef tool():\n    cmd = request.json["cmd"].split()\n    subprocess.call([cmd[0], "--version"])\n` },
        { lang: 'python', code: `import subprocess\nfrom flask import request\n\ndef echo():\n    args = []\n    args.append("sh")\n    args.append("-c")\n    args.append("echo " + request.args.get("msg", ""))\n    return subprocess.run(args, capture_output=True).stdout\n` },
        { lang: 'python', code: `import subprocess\nfrom flask import request\n\n@app.post("/calc")\ndef calc():\n    expr = request.form["expr"]\n    out = subprocess.check_output(["python3", "-I", "-c", f"print({expr})"], timeout=2)\n    return out\n` },
        { lang: 'python', code: `import asyncio\nfrom flask import request\n\nasync def plugin():\n    name = request.args["plugin"]\n    proc = await asyncio.create_subprocess_exec("/usr/bin/node", "--no-warnings", f"plugins/{name}")\n    return await proc.communicate()\n` },
      ],
      good: [
        { lang: 'python', code: `import subprocess\nimport flask\n\n@app.route("/ping/<ip>")\ndef ping(ip):\n    cmd = ["ping", "-c", "1", ip]\n    return subprocess.run(cmd)\n` },
        { lang: 'python', code: `import asyncio\nfrom flask import request\n\nasync def run():\n    proc = await asyncio.create_subprocess_exec("du", "-sh", request.args["dir"])\n    return await proc.communicate()\n` },
        { lang: 'python', code: `import shlex\nimport subprocess\nfrom flask import request\n\n@app.route("/lookup")\ndef lookup():\n    domain = request.args.get("domain", "")\n    subprocess.check_output("nslookup " + shlex.quote(domain), shell=True)\n    return subprocess.check_output(["nslookup", domain])\n` },
        { lang: 'python', code: `import subprocess\nfrom flask import request\n\n@app.post("/thumb")\ndef thumb():\n    name = request.form["name"]\n    subprocess.run(["python3", "-u", "tools/thumb.py", name], check=True)\n    return subprocess.run(["bash", "-c", "make thumbs", "thumbs", name]).returncode\n` },
      ],
    },
  },
  'cmd',
  (call, ctx) => {
    if (ALWAYS_SHELL.test(call.name)) return [call.args[0]];
    if (!SUBPROCESS.test(call.name)) return undefined;
    const shell = call.kw('shell');
    if (shell && shell.type !== 'false' && shell.type !== 'none') return [call.args[0]];
    // asyncio.create_subprocess_exec(program, *args): the program, and an interpreter's program text or script.
    if (call.name.endsWith('create_subprocess_exec')) {
      const prog = ctx.constText(call.args[0]);
      return [call.args[0], ...((prog === undefined ? undefined : interpreterProgram(prog, call.args.slice(1).map((n) => ({ node: n, text: ctx.constText(n) })))) ?? [])];
    }
    const cmd = call.args[0] ?? call.kw('args');
    // Without a shell the program is what matters: a command string ("ping " + ip), or a list whose first
    // element, the program, comes from the request. Request data as a later argument of a fixed program is not.
    if (cmd && (cmd.type === 'string' || cmd.type === 'binary_operator' || cmd.type === 'call')) return [cmd];
    if (cmd && (cmd.type === 'list' || cmd.type === 'tuple') && cmd.namedChildren[0] && ctx.str(cmd.namedChildren[0]) === undefined) {
      if (ctx.tainted(cmd.namedChildren[0], 'cmd')) return [cmd.namedChildren[0]];
    }
    if (cmd?.type === 'identifier' && ctx.element(cmd, 0) === undefined) return [cmd];
    if (cmd?.type === 'identifier' && ctx.str(ctx.element(cmd, 0)) === undefined && ctx.tainted(ctx.element(cmd, 0), 'cmd')) return [ctx.element(cmd, 0)];
    // An interpreter given request data as its program: ["sh", "-c", cmd], ["python3", "-c", code], ["python2", script].
    if (call.name.includes('posix_spawn')) return [call.args[0]];
    const argv = argvOf(cmd, ctx);
    const prog = argv?.[0]?.text;
    return prog === undefined ? undefined : interpreterProgram(prog, argv!.slice(1));
  },
);
