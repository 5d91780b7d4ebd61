import type { DockerfileRule } from '../rule.js';

/** Package managers and how a pinned package looks for each. */
const MANAGERS: { name: string; re: RegExp; pinned: (pkg: string) => boolean; hadolint: string }[] = [
  { name: 'apt-get', re: /\bapt(?:-get)?\s+(?:-\S+\s+)*install\b([^;&|]*)/g, pinned: (p) => p.includes('='), hadolint: 'DL3008' },
  { name: 'apk', re: /\bapk\s+(?:-\S+\s+)*add\b([^;&|]*)/g, pinned: (p) => p.includes('='), hadolint: 'DL3018' },
  { name: 'pip', re: /\bpip3?\s+(?:-\S+\s+)*install\b([^;&|]*)/g, pinned: (p) => /==|@|\.whl$|\.tar\.gz$|^\.|^\//.test(p), hadolint: 'DL3013' },
  { name: 'npm', re: /\bnpm\s+(?:i|install|add)\b([^;&|]*)/g, pinned: (p) => /^@?[^@]+@\S+/.test(p) || p.startsWith('.') || p.startsWith('/'), hadolint: 'DL3016' },
];

export const rule: DockerfileRule = {
  id: 'iac.dockerfile-unpinned-packages',
  kind: 'dockerfile',
  title: 'Packages installed without pinned versions (apt, apk, pip, npm)',
  severity: 'low',
  cwe: 'CWE-1357',
  refs: { hadolint: 'DL3008, DL3018, DL3013, DL3016' },
  remediation: 'Pin versions (apt-get install curl=7.88.1-10, apk add curl=8.5.0-r0, pip install flask==3.0.3, npm install -g pm2@5.4.2) or install from a lockfile.',
  samples: {
    bad: ['FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nUSER 1000\n', 'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask gunicorn\nUSER 1000\n', 'FROM node:20-slim\nRUN npm install -g pm2\nUSER node\n'],
    good: ['FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8\nRUN pip install --no-cache-dir -r requirements.txt flask==3.0.3\nRUN npm ci && npm install -g pm2@5.4.2\nUSER 1000\n'],
  },
  check(df, report) {
    for (const ins of df.getInstructions()) {
      if (ins.getKeyword() !== 'RUN') continue;
      const cmd = ins.getArgumentsContent() ?? '';
      for (const m of MANAGERS) {
        for (const hit of cmd.matchAll(m.re)) {
          const words = (hit[1] ?? '').trim().split(/\s+/).filter((w) => w !== '' && w !== '\\');
          const pkgs: string[] = [];
          for (let i = 0; i < words.length; i++) {
            const w = words[i]!;
            if (w === '-r' || w === '--requirement' || w === '-c' || w === '--constraint' || w === '-t' || w === '--target' || w === '--prefix' || w === '-i' || w === '--index-url') {
              i++;
              continue;
            }
            if (!w.startsWith('-') && !w.startsWith('$')) pkgs.push(w);
          }
          const loose = pkgs.filter((p) => !m.pinned(p));
          if (loose.length > 0) report(ins.getRange().start.line, `${m.name} installs ${loose.join(', ')} without a pinned version (hadolint ${m.hadolint})`);
        }
      }
    }
  },
};
