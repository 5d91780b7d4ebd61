import { parse, TomlError } from 'smol-toml';
import { LockfileError } from '../types.js';

/**
 * The `[[package]]` tables of a TOML lockfile (Cargo.lock, poetry.lock) and the line of each table's header, in
 * order, to pin findings and warnings to the entry. `kind` names the file in the error when there are none.
 */
export function tomlPackageTables(text: string, file: string, kind: string): { doc: Record<string, unknown>; list: unknown[]; headerLines: number[] } {
  let doc: Record<string, unknown>;
  try {
    doc = parse(text) as Record<string, unknown>;
  } catch (err) {
    if (err instanceof TomlError) throw new LockfileError(file, err.line, `invalid TOML: ${err.message.split('\n')[0]}`);
    throw new LockfileError(file, undefined, `invalid TOML: ${(err as Error).message}`);
  }
  const list = doc.package;
  if (!Array.isArray(list)) throw new LockfileError(file, 1, `no [[package]] tables: not a ${kind}`);
  const headerLines: number[] = [];
  text.split(/\r?\n/).forEach((l, i) => {
    if (/^\s*\[\[package\]\]\s*$/.test(l)) headerLines.push(i + 1);
  });
  return { doc, list, headerLines };
}
