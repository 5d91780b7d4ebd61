import type { DockerfileRule } from '../rule.js';

export const rule: DockerfileRule = {
  id: 'iac.dockerfile-latest-tag',
  kind: 'dockerfile',
  title: 'Base image is untagged or uses :latest',
  severity: 'medium',
  cwe: 'CWE-1357',
  refs: { hadolint: 'DL3006, DL3007', trivy: 'DS001' },
  remediation: 'Pin the base image to a version tag (node:20.18-bookworm-slim), ideally with its digest (@sha256:...).',
  samples: {
    bad: ['FROM node:latest\nUSER node\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\n', 'FROM python\nUSER 1000\n'],
    good: ['FROM node:20.18-bookworm-slim AS build\nFROM build\nFROM gcr.io/distroless/nodejs20@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\nFROM scratch\n'],
  },
  check(df, report) {
    const stages = new Set<string>();
    for (const from of df.getFROMs()) {
      const image = from.getImageName();
      const line = from.getRange().start.line;
      const stage = from.getBuildStage();
      if (image && image !== 'scratch' && !stages.has(image.toLowerCase()) && !image.includes('$') && !from.getImageDigest()) {
        const tag = from.getImageTag();
        if (!tag) report(line, `Base image "${image}" has no tag (it means :latest)`);
        else if (tag === 'latest') report(line, `Base image "${image}:latest" is not pinned`);
      }
      if (stage) stages.add(stage.toLowerCase());
    }
  },
};
