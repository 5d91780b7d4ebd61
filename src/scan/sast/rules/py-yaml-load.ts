import { OWASP, type SastRule } from '../rule.js';

const SAFE = /(?:Safe|CSafe|Base)Loader$/;

export const rule: SastRule = {
  id: 'sast.py-yaml-load',
  title: 'yaml.load without a safe loader',
  severity: 'high',
  cwe: 'CWE-502',
  owasp: OWASP.A08,
  bandit: 'B506',
  families: ['py'],
  remediation: 'Use yaml.safe_load (or Loader=yaml.SafeLoader); the full and unsafe loaders construct arbitrary Python objects.',
  samples: {
    bad: [
      { lang: 'python', code: `import yaml\n\ndef read_config(path):\n    with open(path) as fh:\n        return yaml.load(fh, Loader=yaml.Loader)\n` },
      { lang: 'python', code: `import yaml\nfrom flask import request\n\ndef import_doc():\n    return yaml.unsafe_load(request.data)\n` },
    ],
    good: [{ lang: 'python', code: `import yaml\n\ndef read_config(path):\n    with open(path) as fh:\n        a = yaml.safe_load(fh)\n        b = yaml.load(fh, Loader=yaml.SafeLoader)\n    return a, b\n` }],
  },
  onCall(call, ctx) {
    if (/^(?:yaml|ruamel\.yaml)\.(?:unsafe_load|unsafe_load_all|full_load|full_load_all)$/.test(call.name)) return ctx.report(call.node);
    if (!/^yaml\.load(?:_all)?$/.test(call.name)) return;
    // A document written in the code itself is not attacker-controlled (also through variables and f-strings).
    if (call.args[0] && ctx.fixed(call.args[0])) return;
    const loader = call.kw('Loader') ?? call.args[1];
    if (loader && SAFE.test(ctx.name(loader))) return;
    ctx.report(call.node);
  },
};
