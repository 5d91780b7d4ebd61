/** Ages for data freshness ("7d", "36h", "2w", or a number of days): `scan.deps.maxDbAge`, `--max-db-age`. */

const AGE = /^\s*(\d+(?:\.\d+)?)\s*([hdw])\s*$/;
const UNIT_MS: Record<string, number> = { h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/** Milliseconds; undefined when it is not an age. */
export function parseAge(v: string | number): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? v * 86_400_000 : undefined;
  const m = AGE.exec(v);
  return m ? Number(m[1]) * UNIT_MS[m[2]!]! : undefined;
}
