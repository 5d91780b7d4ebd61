import path from 'node:path';
import { isHttpUrl } from '../core/config/fields.js';
import { UsageError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { buildMonitoringKit } from '../export/monitoring/kit.js';
import { kitInputFromConfig } from '../export/monitoring/from-config.js';
import { writeKit } from '../export/write-files.js';
import { LAUNCH_DEFAULT_THRESHOLDS } from '../run/load-defaults.js';
import { loadRunConfig } from '../run/run-config.js';
import type { ExportMonitoringFlags } from './export.js';

/** `gonogo export monitoring` itself, loaded only when the command runs (see export.ts). */
export async function runExportMonitoring(flags: ExportMonitoringFlags, configPath: string | undefined): Promise<number> {
  if (flags.runbookUrl !== undefined && !isHttpUrl(flags.runbookUrl)) throw new UsageError(`"${flags.runbookUrl}" is not an absolute http(s) URL`, { where: '--runbook-url' });
  const { config } = await loadRunConfig({ cwd: process.cwd(), configPath, target: flags.target });
  const out = path.resolve(process.cwd(), flags.out);
  const input = kitInputFromConfig(config, { defaults: LAUNCH_DEFAULT_THRESHOLDS, dashboardsPath: path.join(out, 'grafana', 'dashboards'), runbookBase: flags.runbookUrl });
  const kit = buildMonitoringKit(input);
  await writeKit(out, kit.files, { overwrite: true, where: '--out' });
  const alerts = kit.groups.flatMap((g) => g.alerts);
  for (const n of kit.notConverted) process.stderr.write(`warning: ${n.where} "${n.source}" has no production equivalent: ${n.reason}\n`);
  for (const n of kit.notes) process.stderr.write(`note: ${n}\n`);
  process.stdout.write(
    `wrote ${kit.files.length} files to ${path.relative(process.cwd(), out) || '.'}: ${alerts.length} alerts (${alerts.filter((a) => a.severity === 'critical').length} critical), ` +
      `${kit.objectives.length} of ${kit.objectives.length + kit.notConverted.length} thresholds exported, ${kit.dashboards.length} dashboards\n` +
      `check: promtool test rules ${path.join(path.relative(process.cwd(), out) || '.', 'prometheus', 'tests')}/*.yml\n`,
  );
  return ExitCode.Ok;
}
