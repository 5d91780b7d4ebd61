/** How the bottleneck findings write numbers: short, with units, rounded up to sizes people configure. */

/** Round up to a size people would write in a config: 1..10 exact, then steps of 5, 10, 50, 100... */
export function niceCeil(x: number): number {
  if (!Number.isFinite(x) || x <= 0) return 0;
  if (x <= 10) return Math.ceil(x);
  const mag = 10 ** Math.floor(Math.log10(x));
  const step = x / mag < 2.5 ? mag / 10 : mag / 2;
  return Math.ceil(x / step - 1e-9) * step;
}

const UNITS: [number, string][] = [
  [1024 ** 4, 'TiB'],
  [1024 ** 3, 'GiB'],
  [1024 ** 2, 'MiB'],
  [1024, 'KiB'],
];

export function formatBytes(b: number): string {
  for (const [size, unit] of UNITS) if (Math.abs(b) >= size) return `${trim(b / size)} ${unit}`;
  return `${Math.round(b)} B`;
}

/** Up to 3 significant figures, no trailing zeros. */
export function formatValue(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Math.abs(x) >= 100) return String(Math.round(x));
  return trim(x);
}

export function pct(ratio: number): string {
  return `${Math.round(ratio * 100)}%`;
}

function trim(x: number): string {
  const a = Math.abs(x);
  return String(Number(x.toFixed(a >= 10 ? 1 : a >= 1 ? 2 : 3)));
}

/** niceCeil in the unit the size is shown in: 15.3 GiB -> 16 GiB. */
export function niceCeilBytes(b: number): number {
  for (const [size] of UNITS) if (b >= size) return niceCeil(b / size) * size;
  return niceCeil(b);
}
