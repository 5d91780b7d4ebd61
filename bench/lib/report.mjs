// Plain-text tables for the benchmark output.

const num = (n, digits = 0) => (n === null || n === undefined || Number.isNaN(n) ? '-' : n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }));
const ms = (n) => (n === null || n === undefined ? '-' : n < 10 ? n.toFixed(3) : n.toFixed(2));

/** Render rows (arrays of strings) as an aligned table; first column left-aligned, the rest right. */
export function table(header, rows) {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => String(r[i]).length)));
  const line = (r) => r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function scenarioTable(results) {
  return table(
    ['tool', 'rps', 'p50 ms', 'p99 ms', 'errors', 'peak RSS MB'],
    results.map((r) =>
      r.ok
        ? [`${r.tool} ${r.version}`, num(r.rps), ms(r.p50Ms), ms(r.p99Ms), num(r.errors), r.peakRssMb === null ? '-' : r.peakRssMb.toFixed(1)]
        : [`${r.tool} ${r.version}`, 'FAILED', '-', '-', '-', r.peakRssMb === null ? '-' : r.peakRssMb.toFixed(1)],
    ),
  );
}

/**
 * Where the CPU went during each run, in % of one core over the tool's wall time: the generator,
 * the target (nginx master + worker), and everything else on the machine.
 */
export function cpuTable(results) {
  const pct = (v) => (v === null || v === undefined ? '-' : `${Math.round(v)}%`);
  return table(
    ['cpu during run', 'generator', 'target', 'other'],
    results.map((r) => [r.tool, pct(r.cpu?.generatorPercent), pct(r.cpu?.targetPercent), `${pct(r.cpu?.otherPercent)}${r.cpu?.contended ? ' *' : ''}`]),
  );
}

export const fmt = { num, ms };
