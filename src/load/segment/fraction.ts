/**
 * Exact rationals for execution segments. Segment bounds are fractions such as 1/3, so floating
 * point would lose a user at some boundary; BigInt keeps every comparison exact.
 */
export interface Fraction {
  num: bigint;
  den: bigint;
}

export const ZERO: Fraction = { num: 0n, den: 1n };
export const ONE: Fraction = { num: 1n, den: 1n };

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

export function fraction(num: bigint, den: bigint): Fraction {
  if (den === 0n) throw new RangeError('denominator 0');
  if (den < 0n) [num, den] = [-num, -den];
  const g = gcd(num, den) || 1n;
  return { num: num / g, den: den / g };
}

export function sub(a: Fraction, b: Fraction): Fraction {
  return fraction(a.num * b.den - b.num * a.den, a.den * b.den);
}

export function cmp(a: Fraction, b: Fraction): number {
  const d = a.num * b.den - b.num * a.den;
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

export function lcm(a: bigint, b: bigint): bigint {
  return (a / gcd(a, b)) * b;
}

/** "1/3", "0.25", "25%", "1" -> an exact fraction; undefined when the text is none of these. */
export function parseFraction(text: string): Fraction | undefined {
  const s = text.trim();
  let m = /^(\d+)\s*\/\s*(\d+)$/.exec(s);
  if (m) return m[2] === '0' || /^0+$/.test(m[2]!) ? undefined : fraction(BigInt(m[1]!), BigInt(m[2]!));
  m = /^(\d+)(?:\.(\d+))?(%?)$/.exec(s);
  if (!m) return undefined;
  const decimals = m[2] ?? '';
  let den = 10n ** BigInt(decimals.length);
  if (m[3] === '%') den *= 100n;
  return fraction(BigInt(m[1]! + decimals), den);
}

/** The shortest exact text: "0", "1", "1/3". */
export function formatFraction(f: Fraction): string {
  return f.den === 1n ? String(f.num) : `${f.num}/${f.den}`;
}
