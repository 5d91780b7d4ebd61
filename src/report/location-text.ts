import type { Location } from '../core/result.js';

/** `file:line` for code, `METHOD url` for live targets: what a reader pastes into an editor or curl. */
export function locationText(loc: Location): string {
  if ('url' in loc) return loc.method ? `${loc.method} ${loc.url}` : loc.url;
  return loc.line !== undefined && loc.line >= 1 ? `${loc.file}:${loc.line}` : loc.file;
}
