import { createRequire } from 'node:module';
import type picomatchType from 'picomatch';
import type { Finding } from '../../core/result.js';
import type { Suppression } from './types.js';

/**
 * picomatch is loaded on the first suppression with a path, not with this module: every scan command loads the
 * register, few registers have path suppressions, and loading picomatch costs ~20 ms of CLI start-up.
 */
let picomatchFn: typeof picomatchType | undefined;
function picomatch(...args: Parameters<typeof picomatchType>): ReturnType<typeof picomatchType> {
  picomatchFn ??= createRequire(import.meta.url)('picomatch') as typeof picomatchType;
  return picomatchFn(...args);
}

/** `*` is the only wildcard in ids; everything else matches literally, case-insensitively. */
function idPattern(id: string): RegExp {
  const body = id.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${body}$`, 'i');
}

/** Does this suppression cover this finding? Every key it sets must match. A suppression with neither id nor fingerprint matches nothing. */
export function suppressionMatches(s: Suppression, f: Finding): boolean {
  if (s.id === undefined && s.fingerprint === undefined) return false;
  if (s.fingerprint !== undefined && s.fingerprint !== f.fingerprint) return false;
  if (s.id !== undefined) {
    const re = idPattern(s.id);
    if (!re.test(f.ruleId) && !(f.aliases ?? []).some((a) => re.test(a))) return false;
  }
  if (s.path !== undefined) {
    if (!('file' in f.location)) return false;
    const file = f.location.file.replace(/\\/g, '/');
    if (!picomatch(s.path, { dot: true })(file)) return false;
  }
  return true;
}

/** Expired when today is after the last day it holds. */
export function isExpired(s: Suppression, today: string): boolean {
  return s.expires < today;
}
