import type { DockerfileRule } from '../rule.js';

export const rule: DockerfileRule = {
  id: 'iac.dockerfile-add',
  kind: 'dockerfile',
  title: 'ADD used to copy local files (use COPY)',
  severity: 'low',
  cwe: 'CWE-829',
  refs: { hadolint: 'DL3020', trivy: 'DS005' },
  remediation: 'Use COPY for local files; ADD also unpacks archives and fetches URLs, which hides what goes into the image.',
  samples: {
    bad: ['FROM alpine:3.20\nADD ./app /app\nUSER 1000\n'],
    good: ['FROM alpine:3.20\nCOPY ./app /app\nADD rootfs.tar.gz /\nADD "vendor.tgz" layer.xz /opt/\nUSER 1000\n'],
  },
  check(df, report) {
    for (const ins of df.getInstructions()) {
      if (ins.getKeyword() !== 'ADD') continue;
      // Quotes are shell-style ("file.tgz"); a compressed tar may carry only .gz / .bz2 / .xz (Docker detects it by content).
      const args = ins.getArguments().map((a) => a.getValue().replace(/^["']|["']$/g, '')).filter((a) => !a.startsWith('--'));
      const sources = args.slice(0, -1);
      if (sources.some((s) => !/^https?:\/\//.test(s) && !/\.(?:tar|gz|tgz|bz2|tbz2?|xz|txz)$/i.test(s))) report(ins.getRange().start.line);
    }
  },
};
