import path from 'node:path';
import { GonogoError } from '../../core/errors.js';
import type { Finding, Severity } from '../../core/result.js';
import { defaultCacheDir } from '../deps/cache.js';
import { matchLockfiles, unreadable, type DepsScanResult } from '../deps/scan.js';
import type { Lockfile } from '../deps/types.js';
import { isLanguageFile, languagePackages } from './language.js';
import { ImageFormatError, ImageReadAborted } from './layer.js';
import { loadImage, type ImageKind } from './source.js';
import { apkPackages, dpkgPackages, parseOsRelease, type OsInfo } from './os-packages.js';

export interface ImageScanOptions {
  /** docker-archive or oci-archive tarball, OCI layout folder, or unpacked root filesystem. */
  image: string;
  db?: string;
  unscoredSeverity?: Severity;
  signal?: AbortSignal;
}

export interface ImageInfo {
  kind: ImageKind;
  layers: number;
  /** Entries in the flattened filesystem. */
  entries: number;
  tags: string[];
  os?: OsInfo;
}

export interface ImageScanResult extends DepsScanResult {
  image: ImageInfo;
  /** Seconds spent reading and flattening the layers. */
  readSeconds: number;
}

const DPKG_STATUS = 'var/lib/dpkg/status';
const DPKG_STATUS_D = 'var/lib/dpkg/status.d/';
const APK_INSTALLED = 'lib/apk/db/installed';
const OS_RELEASE = ['etc/os-release', 'usr/lib/os-release'];

/** The files whose content the scan keeps while reading layers: OS package databases, os-release, language packages. */
export function isWantedImageFile(p: string): boolean {
  if (p === DPKG_STATUS || p === APK_INSTALLED || OS_RELEASE.includes(p)) return true;
  if (p.startsWith(DPKG_STATUS_D)) return !p.endsWith('.md5sums');
  return isLanguageFile(p);
}

/** One package database or manifest is never this large; bigger files are listed, not read. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

/**
 * Scan a container image: flatten its layers, find the distribution (os-release, often a
 * symlink), list OS packages by source package and the language packages inside, and match them
 * all against OSV data with each ecosystem's own version order — the `scan deps` matcher.
 */
export async function scanImage(opts: ImageScanOptions): Promise<ImageScanResult> {
  const started = performance.now();
  const loaded = await loadImage(path.resolve(opts.image), { wanted: isWantedImageFile, maxFileBytes: MAX_FILE_BYTES, ...(opts.signal ? { signal: opts.signal } : {}) }).catch((err: unknown) => {
    if (err instanceof ImageReadAborted) throw new GonogoError('GONOGO_ABORTED', `image scan of ${opts.image} interrupted while reading its layers; no result (a partial package list would hide vulnerabilities)`);
    if (!(err instanceof ImageFormatError)) throw err;
    throw new GonogoError('GONOGO_IMAGE_INVALID', `cannot read image ${opts.image}: ${err.message}`, { where: opts.image, hint: 'give a `docker save` / `podman save` tarball, an oci-archive tarball, an OCI layout folder or an unpacked root filesystem' });
  });
  const readSeconds = (performance.now() - started) / 1000;
  const { fs } = loaded;
  const notes = [...loaded.notes];
  const problems: Finding[] = [];

  const osText = OS_RELEASE.map((p) => fs.read(p)).find((b) => b !== undefined);
  const os = osText ? parseOsRelease(osText.toString('utf8')) : undefined;
  const kept = new Map(fs.keptFiles());
  const text = (p: string) => kept.get(p)?.toString('utf8');

  const lockfiles: Lockfile[] = [];
  const dpkgFiles: [string, string][] = [];
  const status = text(fs.resolve(DPKG_STATUS) ?? DPKG_STATUS);
  if (status !== undefined) dpkgFiles.push([DPKG_STATUS, status]);
  for (const [f, b] of kept) if (f.startsWith(DPKG_STATUS_D) && !f.endsWith('.md5sums')) dpkgFiles.push([f, b.toString('utf8')]);
  const dpkg = dpkgPackages(dpkgFiles, os?.osvEcosystem?.startsWith('Debian:') ? os.osvEcosystem : undefined);
  const apkText = text(fs.resolve(APK_INSTALLED) ?? APK_INSTALLED);
  const apk = apkText === undefined ? undefined : apkPackages(APK_INSTALLED, apkText, os?.osvEcosystem?.startsWith('Alpine:') ? os.osvEcosystem : undefined);
  for (const osLock of [dpkg, apk]) {
    if (!osLock) continue;
    if (osLock.osvEcosystem) lockfiles.push(osLock);
    else notes.push(`${osLock.packages.length} ${osLock.format} packages not checked: ${os ? `no advisory data for ${os.prettyName ?? `${os.id} ${os.versionId ?? ''}`.trim()} (gonogo covers Debian and Alpine releases)` : 'no os-release file says which release they belong to'}`);
  }
  if (!os) notes.push('no /etc/os-release or /usr/lib/os-release in the image: distribution unknown');

  const language = languagePackages(kept);
  lockfiles.push(...language.lockfiles);
  for (const [file, err] of language.problems) problems.push(unreadable(err, file));

  const matched = await matchLockfiles(lockfiles, { db: opts.db ?? defaultCacheDir(), ...(opts.unscoredSeverity ? { unscoredSeverity: opts.unscoredSeverity } : {}) });
  const image: ImageInfo = { kind: loaded.kind, layers: loaded.layers, entries: fs.count(), tags: loaded.tags, ...(os ? { os } : {}) };
  return { lockfiles, problems, notes, image, readSeconds, ...matched };
}
