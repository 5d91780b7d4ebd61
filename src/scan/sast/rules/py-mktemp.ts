import { OWASP, type SastRule } from '../rule.js';

export const rule: SastRule = {
  id: 'sast.py-mktemp',
  title: 'tempfile.mktemp (race between name and creation)',
  severity: 'medium',
  cwe: 'CWE-377',
  owasp: OWASP.A01,
  bandit: 'B306',
  families: ['py'],
  remediation: 'Use tempfile.mkstemp, NamedTemporaryFile or TemporaryDirectory, which create the file atomically.',
  samples: {
    bad: [{ lang: 'python', code: `import tempfile\n\ndef scratch():\n    path = tempfile.mktemp(suffix=".csv")\n    with open(path, "w") as fh:\n        fh.write("x")\n    return path\n` }],
    good: [{ lang: 'python', code: `import tempfile\n\ndef scratch():\n    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as fh:\n        fh.write("x")\n    return fh.name\n` }],
  },
  onCall(call, ctx) {
    if (/^(?:tempfile\.)?mktemp$|^os\.(?:tempnam|tmpnam)$/.test(call.name) && (call.name !== 'mktemp' || ctx.model.aliases.get('mktemp') === 'tempfile.mktemp')) ctx.report(call.node);
  },
};
