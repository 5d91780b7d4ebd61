import type { DockerfileRule } from '../rule.js';

export const rule: DockerfileRule = {
  id: 'iac.dockerfile-sudo',
  kind: 'dockerfile',
  title: 'RUN uses sudo',
  severity: 'medium',
  cwe: 'CWE-250',
  refs: { hadolint: 'DL3004', trivy: 'DS010' },
  remediation: 'Run the privileged steps before switching USER instead of installing and calling sudo.',
  samples: {
    bad: ['FROM ubuntu:24.04\nUSER app\nRUN sudo apt-get update\n'],
    good: ['FROM ubuntu:24.04\nRUN apt-get update\nUSER app\nRUN echo "no sudo here"\n'],
  },
  check(df, report) {
    for (const ins of df.getInstructions()) {
      if (ins.getKeyword() === 'RUN' && /(?:^|[;&|(]|\b(?:then|do|else)\s)\s*sudo\s/.test(ins.getArgumentsContent() ?? '')) report(ins.getRange().start.line);
    }
  },
};
