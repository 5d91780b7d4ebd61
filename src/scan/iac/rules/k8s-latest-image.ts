import type { K8sRule } from '../rule.js';
import { deployment, HARDENED, HARDENED_POD } from './k8s-samples.js';

export const rule: K8sRule = {
  id: 'iac.k8s-latest-image',
  kind: 'k8s',
  title: 'Image is untagged or uses :latest',
  severity: 'medium',
  cwe: 'CWE-1357',
  refs: { kubeLinter: 'latest-tag', trivy: 'KSV013' },
  remediation: 'Pin images to a version tag and preferably a digest (image: web:1.4.2@sha256:...).',
  samples: {
    bad: [deployment(HARDENED, HARDENED_POD).replace('web:1.4.2', 'web:latest'), deployment(HARDENED, HARDENED_POD).replace('registry.example.com/web:1.4.2', 'nginx')],
    good: [deployment(HARDENED, HARDENED_POD), deployment(HARDENED, HARDENED_POD).replace('web:1.4.2', 'web@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef')],
  },
  check(w, report) {
    for (const c of w.containers) {
      const image = typeof c.c.image === 'string' ? c.c.image : undefined;
      if (!image || image.includes('@sha256:') || image.includes('$') || image.includes('{{')) continue;
      const last = image.slice(image.lastIndexOf('/') + 1);
      const tag = last.includes(':') ? last.slice(last.indexOf(':') + 1) : undefined;
      if (tag === undefined || tag === 'latest') report([...c.path, 'image'], `Container ${c.name} image "${image}" is not pinned`);
    }
  },
};
