import type { ScenarioLoadResult } from '../load/scenario/result.js';
import { showControls } from '../core/show-controls.js';
import { formatCount, formatMs, pad } from './format.js';

/** The scripted-run part of the summary: scenarios, checks, custom metrics and spike recovery. Inserted before the thresholds. */
export function renderScenarioSection(r: ScenarioLoadResult, color: boolean): string {
  const c = (code: string, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const lines: string[] = [''];
  lines.push(`scenarios${r.profile ? `  (profile ${r.profile})` : ''}`);
  for (const s of r.scenarios) {
    const ex = s.executor;
    const shape = ex.model === 'closed' ? `${ex.type}, up to ${formatCount(ex.maxUsers)} users` : `${ex.type}, up to ${formatCount(Math.max(ex.startRate, ...ex.stages.map((x) => x.target)))} it/s, max ${formatCount(ex.maxUsers)} users`;
    lines.push(`  ${pad(s.name, 20)} ${shape}; ${formatCount(s.iterations)} iterations (${formatMs(s.iterationMs.p95)} p95), peak ${formatCount(s.peakUsers)} users${s.droppedIterations ? `, ${c('33', `${formatCount(s.droppedIterations)} dropped`)}` : ''}${s.failedIterations ? `, ${c('31', `${formatCount(s.failedIterations)} failed`)}` : ''}`);
    const tasks = Object.entries(s.tasks);
    if (tasks.length > 1) lines.push(`  ${pad('', 20)} tasks: ${tasks.map(([k, v]) => `${k} ${formatCount(v)}`).join(', ')}`);
    for (const e of s.errorSamples.slice(0, 3)) lines.push(`  ${pad('', 20)} ${c('31', 'error:')} ${showControls(e)}`);
  }
  if (r.checks.items.length) {
    lines.push('', `checks    ${r.checks.rate === null ? '-' : `${(r.checks.rate * 100).toFixed(2)}%`} passed (${formatCount(r.checks.passes)} of ${formatCount(r.checks.passes + r.checks.fails)})`);
    for (const k of r.checks.items) {
      const mark = k.fails === 0 ? c('32', '✓') : c('31', '✗');
      lines.push(`  ${mark} ${k.check}${k.name ? `  [${k.name}]` : ''}  ${formatCount(k.passes)} / ${formatCount(k.passes + k.fails)}`);
    }
  }
  const custom = r.metrics;
  if (custom.length) {
    lines.push('', 'metrics');
    for (const m of custom) {
      const tags = Object.entries(m.tags).map(([k, v]) => `${k}:${v}`).join(',');
      const label = `${m.metric}${tags ? `{${tags}}` : ''}`;
      const value = m.kind === 'trend' ? `p50 ${m.trend!.p50}  p95 ${m.trend!.p95}  max ${m.trend!.max}  (${formatCount(m.count)} samples)` : m.kind === 'rate' ? `${(m.value * 100).toFixed(2)}% of ${formatCount(m.count)}` : formatCount(m.value);
      lines.push(`  ${pad(label, 40)} ${value}`);
    }
  }
  if (r.recovery) {
    const rec = r.recovery;
    lines.push('', `spike     baseline p95 ${rec.baselineP95Ms === null ? '-' : formatMs(rec.baselineP95Ms)}, worst p95 ${rec.peakP95Ms === null ? '-' : formatMs(rec.peakP95Ms)}; ${rec.recovered ? `recovered to <= ${formatMs(rec.recoveredBelowMs!)} ${(rec.timeToRecoverMs! / 1000).toFixed(1)} s after the spike` : c('31', 'did not recover to the pre-spike latency before the end')}`);
  }
  return lines.join('\n');
}
