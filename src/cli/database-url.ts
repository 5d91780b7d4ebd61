import { UsageError } from '../core/errors.js';
import { maskUrlPassword } from '../core/mask.js';

/** A postgres:// or postgresql:// URL for --database-url; the password stays out of every message. */
export function databaseUrl(v: string, where: string): string {
  if (!/^postgres(ql)?:\/\/./i.test(v)) throw new UsageError(`${where} must be a postgres:// URL, got "${maskUrlPassword(v)}"`, { where, hint: 'e.g. postgres://user:password@127.0.0.1:5432/items' });
  return v;
}
