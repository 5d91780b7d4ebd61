import type { DockerfileRule } from '../rule.js';

export const rule: DockerfileRule = {
  id: 'iac.dockerfile-curl-pipe-shell',
  kind: 'dockerfile',
  title: 'Script downloaded and piped straight into a shell (curl | sh)',
  severity: 'high',
  cwe: 'CWE-494',
  refs: { hadolint: 'DL4006 (pipefail, related)' },
  remediation: 'Download to a file, verify its checksum or signature, then run it; or install from a package repository.',
  samples: {
    bad: ['FROM debian:12\nRUN curl -fsSL https://get.example.com/install.sh | sh\nUSER 1000\n', 'FROM debian:12\nRUN wget -qO- https://deb.nodesource.com/setup_20.x | bash -\nUSER 1000\n'],
    good: ['FROM debian:12\nRUN curl -fsSLo /tmp/install.sh https://get.example.com/install.sh \\\n && echo "4f2d...  /tmp/install.sh" | sha256sum -c - \\\n && sh /tmp/install.sh\nUSER 1000\n'],
  },
  check(df, report) {
    for (const ins of df.getInstructions()) {
      if (ins.getKeyword() === 'RUN' && /\b(?:curl|wget)\b[^|;&]*\|\s*(?:sudo\s+)?(?:ba|z|da|k)?sh\b/.test(ins.getArgumentsContent() ?? '')) report(ins.getRange().start.line);
    }
  },
};
