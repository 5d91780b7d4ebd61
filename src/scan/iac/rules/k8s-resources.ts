import type { K8sRule } from '../rule.js';
import { deployment, HARDENED, HARDENED_POD } from './k8s-samples.js';

export const rule: K8sRule = {
  id: 'iac.k8s-resources',
  kind: 'k8s',
  title: 'Container without CPU/memory requests and limits',
  severity: 'medium',
  cwe: 'CWE-770',
  refs: { kubeLinter: 'unset-cpu-requirements, unset-memory-requirements', trivy: 'KSV011, KSV015, KSV016, KSV018' },
  remediation: 'Set resources.requests and resources.limits for cpu and memory so one pod cannot starve the node.',
  samples: {
    bad: [deployment(HARDENED.replace(/resources:\n.*\n.*\n/, ''), HARDENED_POD), deployment(HARDENED.replace('  limits: { cpu: 500m, memory: 256Mi }\n', '  limits: { cpu: 500m }\n'), HARDENED_POD)],
    good: [deployment(HARDENED, HARDENED_POD)],
  },
  check(w, report) {
    for (const c of w.containers) {
      const r = c.c.resources ?? {};
      const missing = [['requests', 'cpu'], ['requests', 'memory'], ['limits', 'cpu'], ['limits', 'memory']].filter(([k, res]) => r[k!]?.[res!] === undefined).map(([k, res]) => `${k}.${res}`);
      if (missing.length > 0) report([...c.path, 'resources'], `Container ${c.name} has no ${missing.join(', ')}`);
    }
  },
};
