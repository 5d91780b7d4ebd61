import semver from 'semver';
import type { Finding } from '../core/result.js';
import type { CodeBlock, InlineCode } from './model.js';
import { docFinding } from './rules.js';

/** A dependency as the project declares and installs it. */
export interface DeclaredDependency {
  /** The range in package.json (or the project's own version for itself). */
  range: string;
  /** The version the lockfile installs, when there is a lockfile. */
  locked?: string;
}

// name@version: `typescript@5`, `@types/node@20.19`, `undici@^7`; not e-mail addresses or paths.
const MENTION = /(?<![\w@/.-])((?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*)@([~^]?\d+(?:\.\d+){0,2}(?:-[0-9A-Za-z.-]+)?)(?![\w.])/g;

function versionOf(dep: DeclaredDependency): string | undefined {
  if (dep.locked && semver.valid(dep.locked)) return dep.locked;
  return semver.validRange(dep.range) ? semver.minVersion(dep.range)?.version : undefined;
}

/** Does what the docs say (`5`, `5.9`, `5.9.3`, `^5.2`) describe the version in use? */
export function mentionMatches(said: string, actual: string): boolean {
  if (said.startsWith('^') || said.startsWith('~')) return semver.satisfies(actual, said);
  const parts = said.split('-')[0]!.split('.');
  const real = [semver.major(actual), semver.minor(actual), semver.patch(actual)].map(String);
  return parts.every((p, i) => p === real[i]) && (!said.includes('-') || said === actual);
}

interface Text {
  text: string;
  /** File line of the text's first line. */
  line: number;
}

/**
 * Lines that install or run a package: only there is a version a promise about today. Prose and changelog-like
 * mentions ("moved to typescript@5 in 2024") are history, not drift.
 */
const USAGE = /\b(?:npm|pnpm|yarn|bun)\s+(?:i|install|add|dlx|exec|x|create)\b|\bnpx\b|\bbunx\b|\bcorepack\b|\b(?:install|upgrade|requires?|use)\b/i;

/** `name@version` in installation and usage lines (inline code and code blocks) that disagrees with package.json / the lockfile. */
export function checkVersions(file: string, texts: readonly InlineCode[], blocks: readonly CodeBlock[], deps: ReadonlyMap<string, DeclaredDependency>): Finding[] {
  const findings: Finding[] = [];
  const all: Text[] = [...texts, ...blocks.map((b) => ({ text: b.content, line: b.fenceLine + 1 }))];
  for (const t of all) {
    if (!t.text.includes('@')) continue;
    for (const m of t.text.matchAll(MENTION)) {
      const lineStart = t.text.lastIndexOf('\n', m.index) + 1;
      const lineEnd = t.text.indexOf('\n', m.index);
      if (!USAGE.test(t.text.slice(lineStart, lineEnd === -1 ? undefined : lineEnd))) continue;
      const dep = deps.get(m[1]!);
      if (!dep) continue;
      const actual = versionOf(dep);
      if (actual === undefined || mentionMatches(m[2]!, actual)) continue;
      const line = t.line + (t.text.slice(0, m.index).match(/\n/g)?.length ?? 0);
      const where = dep.locked ? `the lockfile installs ${dep.locked} (package.json: ${dep.range})` : `package.json says ${dep.range}`;
      findings.push(docFinding('docs.dep-version', file, line, `the docs name ${m[0]} but ${where}`, m[0]));
    }
  }
  return findings;
}
