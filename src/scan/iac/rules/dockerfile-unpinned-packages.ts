import type { DockerfileRule } from '../rule.js';

/** Not a registry package: a local path, a URL, an archive or package file, a lockfile-driven install. */
const NOT_REGISTRY = /^(?:\.{1,2}$|\.{0,2}\/|~|https?:|file:|git\+|ssh:)|\.(?:whl|tar|tar\.gz|tgz|tar\.bz2|tar\.xz|zip|deb|apk|rpm)$/i;
/** A git dependency is pinned only by a commit (40 hex digits) or a tag after '#' / '@'. */
const GIT = /^(?:git\+|git:|github:|gitlab:|bitbucket:|[\w-]+\/[\w.-]+(?:#|$))/;
const gitPinned = (p: string): boolean => /[#@](?:[0-9a-f]{40}|v?\d+\.\d+\S*|semver:\S+)$/i.test(p);
/** pip's VCS form `git+URL[@ref][#egg=name]`: pinned only with an @ref in the last path segment (not user@host). */
const pipGitPinned = (p: string): boolean => /@[^/@#]+(?:#|$)/.test(p.replace(/#.*$/, '').split('/').pop() ?? '');
/** Shell words, quotes kept together (`pkg@">=1 <2"` is one word). */
const shellWords = (s: string): string[] => s.match(/(?:[^\s"']+|"[^"]*"|'[^']*')+/g) ?? [];

/** Options that take a value (the next word is not a package), per manager. */
const VALUE_OPTIONS: Record<string, RegExp> = {
  'apt-get': /^(?:-o|-t|--target-release|-c|--config-file)$/,
  apk: /^(?:-t|--virtual|-X|--repository|-p|--root|--arch|--cache-dir|--keys-dir)$/,
  pip: /^(?:-r|--requirement|-c|--constraint|-t|--target|--prefix|--root|--src|-i|--index-url|--extra-index-url|--trusted-host|-f|--find-links|--platform|--python-version|--implementation|--abi|--python|--cache-dir|--log|--proxy|--retries|--timeout|-e|--editable)$/,
  npm: /^(?:--registry|--prefix|--cache|-w|--workspace|--tag|--userconfig|--globalconfig|--loglevel|--omit|--include)$/,
};

/** Package managers and how a pinned package looks for each. */
const MANAGERS: { name: string; re: RegExp; pinned: (pkg: string) => boolean; hadolint: string }[] = [
  { name: 'apt-get', re: /\bapt(?:-get)?\s+(?:-\S+\s+)*install\b([^;&|]*)/g, pinned: (p) => p.includes('=') || NOT_REGISTRY.test(p), hadolint: 'DL3008' },
  { name: 'apk', re: /\bapk\s+(?:-\S+\s+)*add\b([^;&|]*)/g, pinned: (p) => /[=~<>]/.test(p) || NOT_REGISTRY.test(p), hadolint: 'DL3018' },
  // pip, pip2, pip3, pipx, python -m pip; any version specifier (==, ~=, >=, <, !=) is a deliberate choice.
  { name: 'pip', re: /\b(?:pip[23]?(?:\.\d+)?|pipx|python[\d.]*\s+-m\s+pip)\s+(?:-\S+\s+)*install\b([^;&|]*)/g, pinned: (p) => (/^git\+/.test(p) ? pipGitPinned(p) : /[=<>!~@]/.test(p) || NOT_REGISTRY.test(p)), hadolint: 'DL3013' },
  { name: 'npm', re: /\bnpm\s+(?:i|install|add)\b([^;&|]*)/g, pinned: (p) => (GIT.test(p) && !/\.(?:tar|tgz|tar\.gz)$/i.test(p) ? gitPinned(p) : /^@?[^@]+@\S+/.test(p) || NOT_REGISTRY.test(p)), hadolint: 'DL3016' },
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
    bad: ['FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nUSER 1000\n', 'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask gunicorn\nUSER 1000\n', 'FROM node:20-slim\nRUN npm install -g pm2\nUSER node\n', 'FROM python:3.12-slim\nRUN pipx install httpie && pip2 install requests\nUSER 1000\n', 'FROM node:20-slim\nRUN npm install git+https://github.com/acme/tool.git\nUSER node\n', 'FROM python:3.12-slim\nRUN pip install git+https://github.com/acme/tool.git#egg=tool\nUSER 1000\n'],
    good: ['FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8\nRUN pip install --no-cache-dir -r requirements.txt flask==3.0.3\nRUN npm ci && npm install -g pm2@5.4.2\nUSER 1000\n', 'FROM python:3.12-slim\nRUN pip install --index-url https://pypi.example/simple --trusted-host pypi.example "flask~=3.0" "gunicorn>=22,<23" ./wheels/app.whl . https://example.com/pkg.tar.gz\nRUN apt-get install -y ./vendor/tool.deb && apk add --virtual .build-deps gcc=13.2.1-r0 && npm install --registry https://npm.example ./pkg.tgz git+https://github.com/acme/tool.git#0123456789abcdef0123456789abcdef01234567\nUSER 1000\n', 'FROM node:20-slim\nRUN npm install @acme/lib@">=1.2 <2" vendor/pkg-1.0.tar git+https://github.com/acme/tool#semver:^5.0 && pip install tool -c https://example.com/constraints.txt && pip install git+https://github.com/acme/tool.git@v1.2#egg=tool\nUSER node\n'],
  },
  check(df, report) {
    for (const ins of df.getInstructions()) {
      if (ins.getKeyword() !== 'RUN') continue;
      const cmd = ins.getArgumentsContent() ?? '';
      for (const m of MANAGERS) {
        for (const hit of cmd.matchAll(m.re)) {
          const words = shellWords(hit[1] ?? '').filter((w) => w !== '\\');
          // pip -c / --constraint: versions come from the constraints file.
          if (m.name === 'pip' && words.some((w) => /^(?:-c|--constraint)(?:=|$)/.test(w))) continue;
          const pkgs: string[] = [];
          for (let i = 0; i < words.length; i++) {
            const w = words[i]!;
            if (VALUE_OPTIONS[m.name]!.test(w)) {
              i++;
              continue;
            }
            if (!w.startsWith('-') && !w.startsWith('$') && !/^["']?\$/.test(w)) pkgs.push(w.replace(/["']/g, ''));
          }
          const loose = pkgs.filter((p) => !m.pinned(p));
          if (loose.length > 0) report(ins.getRange().start.line, `${m.name} installs ${loose.join(', ')} without a pinned version (hadolint ${m.hadolint})`);
        }
      }
    }
  },
};
