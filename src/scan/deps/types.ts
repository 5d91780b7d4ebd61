/** What the lockfile parsers produce and the matcher reads. */

/**
 * OSV ecosystems gonogo reads: the language ones (lockfiles) and the distributions (OS packages in
 * images). A distribution's records name a release (`Debian:12`, `Alpine:v3.19`); the bucket keeps
 * them all in one `<ecosystem>/all.zip`.
 */
export type Ecosystem = 'npm' | 'PyPI' | 'Go' | 'crates.io' | 'RubyGems' | 'Packagist' | 'Maven' | 'Debian' | 'Alpine';
/** Spelled exactly as OSV spells them: they are also the archive folders of `gonogo db update`. */
export const ECOSYSTEMS: readonly Ecosystem[] = ['npm', 'PyPI', 'Go', 'crates.io', 'RubyGems', 'Packagist', 'Maven', 'Debian', 'Alpine'];

/** "Debian:12" -> "Debian"; undefined for ecosystems gonogo does not read. */
export function baseEcosystem(osvEcosystem: string): Ecosystem | undefined {
  const colon = osvEcosystem.indexOf(':');
  const base = colon < 0 ? osvEcosystem : osvEcosystem.slice(0, colon);
  return (ECOSYSTEMS as readonly string[]).includes(base) ? (base as Ecosystem) : undefined;
}

/** One installed package as a lockfile records it. */
export interface LockedPackage {
  readonly name: string;
  readonly version: string;
  /** 1-based line in the lockfile where the entry starts, when the format makes it cheap to know. */
  readonly line?: number;
  /** Names (or graph keys) of the packages it depends on, for the dependency path. */
  readonly dependsOn?: readonly string[];
  /** Development-only dependency (when the lockfile says so). */
  readonly dev?: boolean;
  /** Graph key when several versions share a name (npm: the node_modules path); defaults to the name. */
  readonly key?: string;
  /** File the entry is in, when not the lockfile itself (a requirements file pulled in with -r). */
  readonly file?: string;
  /**
   * Git commit the package was installed from (a git dependency): OSV records with GIT ranges name
   * commits, and the SBOM keeps it. The version is then the one the package's manifest declares, or "".
   */
  readonly commit?: string;
  /**
   * Requirements files: the specifier when the entry is no pin but one inclusive bound (`>=4.1.1`, `~=1.1`,
   * `<=1.2.3`). `version` is then that bound: a version pip may install, not necessarily the installed one,
   * so findings on it say "may be affected" and the SBOM keeps the constraint (docs/deps.md).
   */
  readonly constraint?: string;
  /** OS packages: the binary packages installed from this source package (advisories name the source). */
  readonly binaries?: readonly string[];
}

export interface Lockfile {
  /** Path relative to the scanned folder, forward slashes. */
  readonly file: string;
  readonly ecosystem: Ecosystem;
  /** The exact OSV ecosystem its packages match, when it names a release ("Debian:12"); default `ecosystem`. */
  readonly osvEcosystem?: string;
  /** Short format name, e.g. "package-lock v3", "yarn berry", "requirements". */
  readonly format: string;
  readonly packages: readonly LockedPackage[];
  /**
   * Graph keys of the project's own direct dependencies. Undefined when the format does not say:
   * then packages nothing else depends on count as direct (if `hasGraph`), or the path is unknown.
   */
  readonly direct?: readonly string[];
  /** The format records who depends on whom (false for Pipfile.lock). */
  readonly hasGraph: boolean;
  /** Problems that did not stop the parse (e.g. an unpinned requirement). */
  readonly notes?: readonly string[];
}

/** A lockfile that could not be read: reported with file and line, the other files are still scanned. */
export class LockfileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'LockfileError';
  }

  get where(): string {
    return this.line === undefined ? this.file : `${this.file}:${this.line}`;
  }
}

/**
 * The note for one lockfile entry that cannot be read: it is skipped with this warning, naming file
 * and line, and every other entry of the file is still scanned (issue 19: one bad entry used to drop the file).
 */
export function skippedEntry(file: string, line: number | undefined, why: string): string {
  return `${line === undefined ? file : `${file}:${line}`}: ${why}; this entry was skipped, the rest of the file was scanned`;
}

/** A parser: the file's text and its relative path in, one Lockfile out (or a LockfileError thrown). */
export type LockfileParser = (text: string, file: string) => Lockfile;
