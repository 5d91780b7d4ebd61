import { writeFile } from 'node:fs/promises';
import { parseDuration } from '../core/duration.js';
import { GonogoError, UsageError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { sanitizeForTerminal } from '../report/sanitize-terminal.js';
import { VITALS } from '../vitals/measure.js';
import { runVitals, type VitalsResult } from '../vitals/run.js';
import type { VitalsCliFlags } from './vitals.js';

/** `gonogo vitals` itself, loaded only when the command runs: other commands never load playwright-core. */
export async function runVitalsCommand(urls: string[], flags: VitalsCliFlags): Promise<number> {
  const runs = Number(flags.runs);
  if (!Number.isInteger(runs) || runs < 1 || runs > 50) throw new UsageError(`--runs must be a whole number from 1 to 50, got "${flags.runs}"`, { where: '--runs' });
  const timeoutMs = parseDuration(flags.timeout, '--timeout');
  const settleMs = parseDuration(flags.settle, '--settle');
  const ac = new AbortController();
  const onSignal = () => ac.abort();
  process.once('SIGINT', onSignal);
  if (!flags.quiet) process.stderr.write(`vitals: ${urls.length} page${urls.length === 1 ? '' : 's'}, ${runs} cold + ${runs} warm loads each\n`);
  let result: VitalsResult;
  try {
    result = await runVitals({
      urls,
      runs,
      thresholds: (flags.threshold ?? []).map((t, i) => ({ input: t, where: `--threshold #${i + 1}` })),
      ...(flags.chromium !== undefined ? { chromium: flags.chromium } : {}),
      timeoutMs,
      settleMs,
      allowOrigins: flags.allowOrigin ?? [],
      signal: ac.signal,
    });
  } finally {
    process.off('SIGINT', onSignal);
  }
  const json = `${JSON.stringify(result, null, 2)}\n`;
  if (flags.out) {
    try {
      await writeFile(flags.out, json);
    } catch (err) {
      throw new GonogoError('GONOGO_OUTPUT_WRITE', `cannot write ${flags.out}: ${(err as Error).message}`, { where: flags.out, hint: 'check that the folder exists and is writable' });
    }
  }
  process.stdout.write(flags.format === 'json' ? json : renderVitals(result));
  if (ac.signal.aborted) return ExitCode.Unreachable;
  return result.thresholds.every((t) => t.ok) ? ExitCode.Ok : ExitCode.GateFailed;
}

const UNIT: Record<string, string> = { lcp: 'ms', fcp: 'ms', ttfb: 'ms', inp: 'ms', cls: '' };
const fmt = (v: number, vital: string) => (vital === 'cls' ? v.toFixed(3) : `${Math.round(v)} ${UNIT[vital]}`);

/** One block per page and mode; the band is p75's, as the Chrome UX report grades pages. */
export function renderVitals(r: VitalsResult): string {
  const lines: string[] = [`${r.browser}, ${r.runs} load${r.runs === 1 ? '' : 's'} per page and mode`];
  for (const p of r.pages) {
    lines.push('', `${sanitizeForTerminal(p.url)} (${p.mode}, ${p.loads - p.failed}/${p.loads} loads measured)`);
    lines.push(`  ${'vital'.padEnd(6)}${'p50'.padStart(10)}${'p75'.padStart(10)}${'p95'.padStart(10)}${'max'.padStart(10)}  band (p75)`);
    for (const v of VITALS) {
      const s = p.metrics[v];
      if (!s) {
        lines.push(`  ${v.toUpperCase().padEnd(6)}${'—'.padStart(10)}  not measured`);
        continue;
      }
      lines.push(`  ${v.toUpperCase().padEnd(6)}${fmt(s.p50, v).padStart(10)}${fmt(s.p75, v).padStart(10)}${fmt(s.p95, v).padStart(10)}${fmt(s.max, v).padStart(10)}  ${s.band}`);
    }
    for (const e of p.errors) lines.push(`  error: ${sanitizeForTerminal(e)}`);
    const blocked = r.blocked[p.url] ?? 0;
    if (blocked > 0 && p.mode === 'cold') lines.push(`  ${blocked} request${blocked === 1 ? '' : 's'} to other origins blocked (--allow-origin lets them through)`);
  }
  if (r.thresholds.length > 0) {
    lines.push('', 'Thresholds');
    for (const t of r.thresholds) lines.push(`  ${t.ok ? '✔' : '✖'} ${sanitizeForTerminal(t.metric)}: ${t.expression}  (${t.actual === null ? 'not measured' : fmt(t.actual, t.metric.replace(/\{.*$/, ''))})`);
  }
  return `${lines.join('\n')}\n`;
}
