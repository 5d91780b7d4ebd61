const SHA = '([0-9a-f]{40})';
const FORMS = [
  // git URLs and hosted shorthands: "git+ssh://host/repo.git#<sha>", "github:user/repo#<sha>", berry's "#commit=<sha>"
  new RegExp(`#(?:commit[=:])?${SHA}(?:&|$)`, 'i'),
  // hosted tarballs of one commit: "https://codeload.github.com/user/repo/tar.gz/<sha>", GitLab's "archive.tar.gz?ref=<sha>"
  new RegExp(`/tar\\.gz/${SHA}$`, 'i'),
  new RegExp(`[?&]ref=${SHA}(?:&|$)`, 'i'),
];

/**
 * The commit a git dependency's reference pins (a resolved URL, a version spec or a lockfile key), or
 * undefined. A registry tarball is no git dependency even with a 40-hex fragment: yarn v1 appends the
 * tarball's SHA-1 to its `resolved` URL ("...-1.0.2.tgz#<sha1>").
 */
export function gitCommit(ref: string | undefined): string | undefined {
  if (!ref || /\.(tgz|tar\.gz|zip)#/i.test(ref)) return undefined;
  for (const re of FORMS) {
    const m = re.exec(ref);
    if (m) return m[1]!.toLowerCase();
  }
  return undefined;
}
