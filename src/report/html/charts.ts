import { escapeHtml as h } from '../escape.js';

/**
 * Hand-drawn SVG line charts: no library, no script, nothing to fetch, and they render the same
 * offline, in print and with scripts blocked. Pure: numbers in, markup out.
 */
export interface Series {
  name: string;
  /** A CSS class from style.ts (s1..s4) that sets the stroke colour. */
  cls: string;
  points: [number, number][];
}

const W = 640;
const H = 220;
const PAD = { left: 56, right: 16, top: 28, bottom: 30 };

export function lineChart(title: string, unit: string, series: Series[]): string {
  const all = series.flatMap((s) => s.points);
  const xMax = Math.max(1, ...all.map((p) => p[0]));
  const yMax = niceMax(Math.max(0, ...all.map((p) => p[1])));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const sx = (x: number) => PAD.left + (x / xMax) * plotW;
  const sy = (y: number) => PAD.top + plotH - (yMax === 0 ? 0 : (y / yMax) * plotH);
  const f = (n: number) => n.toFixed(1);

  const parts: string[] = [];
  parts.push(`<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="${h(title)}" xmlns="http://www.w3.org/2000/svg">`);
  parts.push(`<text class="chart-title" x="${PAD.left}" y="16">${h(title)} (${h(unit)})</text>`);
  for (let i = 0; i <= 4; i++) {
    const v = (yMax * i) / 4;
    const y = sy(v);
    parts.push(`<line class="grid" x1="${PAD.left}" x2="${W - PAD.right}" y1="${f(y)}" y2="${f(y)}"/>`);
    parts.push(`<text class="tick" x="${PAD.left - 6}" y="${f(y + 4)}" text-anchor="end">${label(v)}</text>`);
  }
  for (let i = 0; i <= 5; i++) {
    const t = (xMax * i) / 5;
    parts.push(`<text class="tick" x="${f(sx(t))}" y="${H - 10}" text-anchor="middle">${label(t)}s</text>`);
  }
  parts.push(`<line class="axis" x1="${PAD.left}" x2="${PAD.left}" y1="${PAD.top}" y2="${PAD.top + plotH}"/>`);
  parts.push(`<line class="axis" x1="${PAD.left}" x2="${W - PAD.right}" y1="${PAD.top + plotH}" y2="${PAD.top + plotH}"/>`);
  series.forEach((s, i) => {
    if (s.points.length === 0) return;
    // One point draws as a short flat segment so a one-second run still shows a line.
    const pts = s.points.length === 1 ? [s.points[0]!, [s.points[0]![0] + 1, s.points[0]![1]] as [number, number]] : s.points;
    parts.push(`<polyline class="line ${s.cls}" data-series="${h(s.name)}" points="${pts.map(([x, y]) => `${f(sx(x))},${f(sy(y))}`).join(' ')}"/>`);
    const lx = W - PAD.right - 90 * (series.length - i);
    parts.push(`<rect class="swatch ${s.cls}" x="${lx}" y="8" width="10" height="10"/><text class="legend" x="${lx + 14}" y="17">${h(s.name)}</text>`);
  });
  if (all.length === 0) parts.push(`<text class="tick" x="${W / 2}" y="${H / 2}" text-anchor="middle">no data</text>`);
  parts.push('</svg>');
  return parts.join('');
}

/** 1, 2 or 5 times a power of ten at or above the maximum, so ticks fall on round numbers. */
function niceMax(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  return [1, 2, 2.5, 5, 10].map((m) => m * p).find((m) => m >= v) ?? 10 * p;
}

function label(v: number): string {
  if (v >= 10_000) return `${(v / 1000).toFixed(v % 1000 === 0 ? 0 : 1)}k`;
  if (v >= 1000) return `${(v / 1000).toFixed(1)}k`;
  if (Number.isInteger(v)) return String(v);
  return v < 10 ? v.toFixed(2).replace(/\.?0+$/, '') : v.toFixed(1).replace(/\.0$/, '');
}
