import { Version } from '@renovatebot/ruby-semver/dist/ruby/version.js';

/**
 * RubyGems version ordering (Gem::Version, ported by @renovatebot/ruby-semver): segments split at
 * dots and letter/digit changes, a letter segment makes a pre-release ("1.0.a" < "1.0"), trailing
 * zeros do not count ("1.0" == "1"). A platform suffix ("1.13.6-x86_64-linux") is not a version: the Gemfile.lock parser cuts it.
 */
const cache = new Map<string, Version | null>();

function parsed(v: string): Version | null {
  let p = cache.get(v);
  if (p === undefined) {
    p = Version.create(v);
    if (cache.size > 100_000) cache.clear();
    cache.set(v, p);
  }
  return p;
}

export function isRubyVersion(v: string): boolean {
  return parsed(v) !== null;
}

export function compareRubyVersions(a: string, b: string): number {
  const pa = parsed(a);
  const pb = parsed(b);
  if (!pa || !pb) throw new TypeError(`invalid RubyGems version: ${!pa ? a : b}`);
  return Math.sign(pa.compare(pb));
}

export function rubyCanonical(v: string): string | null {
  return parsed(v)?.canonicalSegments().join('.') ?? null;
}
