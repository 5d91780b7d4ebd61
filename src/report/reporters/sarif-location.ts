import type { Location } from '../../core/result.js';

/** Base id for repository-relative paths; GitHub resolves it to the checkout root. */
export const SRCROOT = '%SRCROOT%';

export interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

export interface SarifLocation {
  physicalLocation: {
    artifactLocation: ArtifactLocation;
    region?: { startLine: number; startColumn?: number; endLine?: number };
  };
  logicalLocations?: { fullyQualifiedName: string; kind: string }[];
}

/**
 * Code scanning wants a physicalLocation with an artifact on every result, a repository-relative
 * URI (so alerts match across runs and checkouts) and startLine >= 1 when a region is given.
 */
export function sarifLocation(loc: Location): SarifLocation {
  if ('url' in loc) {
    // A live target has no file: the absolute URL is the artifact, the method a logical location.
    const physicalLocation = { artifactLocation: { uri: urlUri(loc.url) } };
    if (!loc.method) return { physicalLocation };
    const name = `${loc.method} ${loc.url}`;
    return { physicalLocation, logicalLocations: [{ fullyQualifiedName: name, kind: 'resource' }] };
  }
  const region = fileRegion(loc);
  const artifactLocation = fileArtifact(loc.file);
  return { physicalLocation: region ? { artifactLocation, region } : { artifactLocation } };
}

/** Relative paths become `%SRCROOT%`-based URIs; absolute ones (a scanner outside a repo) file:// URIs. */
export function fileArtifact(file: string): ArtifactLocation {
  const path = file.replaceAll('\\', '/');
  const drive = /^[A-Za-z]:\//.test(path);
  if (drive || path.startsWith('/')) return { uri: `file://${drive ? '/' : ''}${encodePath(path)}` };
  return { uri: encodePath(path.replace(/^(\.\/)+/, '')), uriBaseId: SRCROOT };
}

function fileRegion(loc: { line?: number; column?: number; endLine?: number }): SarifLocation['physicalLocation']['region'] {
  if (!isPositiveInt(loc.line)) return undefined;
  const region: { startLine: number; startColumn?: number; endLine?: number } = { startLine: loc.line };
  if (isPositiveInt(loc.column)) region.startColumn = loc.column;
  if (isPositiveInt(loc.endLine) && loc.endLine >= loc.line) region.endLine = loc.endLine;
  return region;
}

function isPositiveInt(n: number | undefined): n is number {
  return n !== undefined && Number.isInteger(n) && n >= 1;
}

/** Percent-encode each segment, keeping the slashes, and the drive colon as it is. */
function encodePath(path: string): string {
  return path
    .split('/')
    .map((seg) => (/^[A-Za-z]:$/.test(seg) ? seg : encodeURIComponent(seg)))
    .join('/');
}

function urlUri(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return encodeURI(url);
  }
}
