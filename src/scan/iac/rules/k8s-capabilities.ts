import type { K8sRule } from '../rule.js';
import { deployment, HARDENED, HARDENED_POD } from './k8s-samples.js';

export const rule: K8sRule = {
  id: 'iac.k8s-capabilities',
  kind: 'k8s',
  title: 'Capabilities added, or not all dropped',
  severity: 'medium',
  cwe: 'CWE-250',
  refs: { kubeLinter: 'drop-net-raw-capability', trivy: 'KSV003, KSV022' },
  remediation: 'Set capabilities.drop: ["ALL"] and add back only a specific, justified capability (never SYS_ADMIN).',
  samples: {
    bad: [deployment(HARDENED.replace('drop: ["ALL"]', 'drop: ["NET_RAW"]'), HARDENED_POD), deployment(HARDENED.replace('drop: ["ALL"]', 'drop: ["ALL"]\n    add: ["SYS_ADMIN"]'), HARDENED_POD)],
    good: [deployment(HARDENED, HARDENED_POD)],
  },
  check(w, report) {
    for (const c of w.containers) {
      const caps = c.c.securityContext?.capabilities ?? {};
      const add = Array.isArray(caps.add) ? caps.add : [];
      const drop = Array.isArray(caps.drop) ? caps.drop.map((d: unknown) => String(d).toUpperCase()) : [];
      if (add.length > 0) report([...c.path, 'securityContext', 'capabilities', 'add'], `Container ${c.name} adds capabilities ${add.join(', ')}`);
      if (!drop.includes('ALL')) report([...c.path, 'securityContext', 'capabilities'], `Container ${c.name} does not drop ALL capabilities`);
    }
  },
};
