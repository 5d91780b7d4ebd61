import type { ComposeRule } from '../rule.js';

export const rule: ComposeRule = {
  id: 'iac.compose-cap-add',
  kind: 'compose',
  title: 'Service adds Linux capabilities',
  severity: 'medium',
  cwe: 'CWE-250',
  refs: { trivy: 'KSV022 (Kubernetes equivalent)' },
  remediation: 'Drop capabilities (cap_drop: [ALL]) and add back only what is proven necessary; never SYS_ADMIN or ALL.',
  samples: {
    bad: ['services:\n  vpn:\n    image: example/vpn:1\n    cap_add:\n      - NET_ADMIN\n      - SYS_ADMIN\n'],
    good: ['services:\n  vpn:\n    image: example/vpn:1\n    cap_drop:\n      - ALL\n'],
  },
  check(svc, _name, report) {
    const caps = Array.isArray(svc.cap_add) ? svc.cap_add : [];
    if (caps.length > 0) report(['cap_add'], `Service adds capabilities ${caps.join(', ')}`);
  },
};
