import { didYouMean } from '../../core/did-you-mean.js';
import { UsageError } from '../../core/errors.js';

/**
 * Pick rules by id for `--rules` and config `rules` / `disable`. Ids may be given with or without
 * the scanner prefix ("eval" or "sast.py-eval"); an unknown id is a usage error with a suggestion.
 */
export function selectRules<R extends { id: string }>(all: readonly R[], prefix: string, only: readonly string[] | undefined, disable: readonly string[] | undefined, where: string): R[] {
  const ids = all.map((r) => r.id);
  const resolve = (raw: string): string => {
    const id = raw.trim().startsWith(`${prefix}.`) ? raw.trim() : `${prefix}.${raw.trim()}`;
    if (ids.includes(id)) return id;
    const guess = didYouMean(id, ids);
    throw new UsageError(`unknown rule "${raw.trim()}"`, { where, hint: guess ? `did you mean "${guess}"? (docs list every rule)` : `valid rules are listed in docs; e.g. ${ids.slice(0, 3).join(', ')}` });
  };
  const want = only && only.length > 0 ? new Set(only.filter((s) => s.trim() !== '').map(resolve)) : undefined;
  const drop = new Set((disable ?? []).filter((s) => s.trim() !== '').map(resolve));
  return all.filter((r) => (!want || want.has(r.id)) && !drop.has(r.id));
}
