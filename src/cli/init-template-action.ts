import path from 'node:path';
import { ExitCode } from '../core/exit-codes.js';
import { PACKAGE } from '../core/package-info.js';
import { deployKit, type TemplateName } from '../export/deploy/kit.js';
import { REFERENCE_NAME } from '../export/deploy/images.js';
import { kitInputFromConfig } from '../export/monitoring/from-config.js';
import { writeKit } from '../export/write-files.js';
import { LAUNCH_DEFAULT_THRESHOLDS } from '../run/load-defaults.js';
import { loadRunConfig } from '../run/run-config.js';

/**
 * `gonogo init --template`: the reference service's deploy kit. Thresholds and `service` come from the
 * config when there is one (else the launch defaults and the reference service's name).
 */
export async function runInitTemplate(template: TemplateName, flags: { dir?: string }, configPath: string | undefined): Promise<number> {
  const { config } = await loadRunConfig({ cwd: process.cwd(), configPath });
  const input = kitInputFromConfig({ ...config, service: config.service ?? REFERENCE_NAME }, { target: 'http://127.0.0.1:8080', defaults: LAUNCH_DEFAULT_THRESHOLDS, dashboardsPath: '/var/lib/grafana/dashboards' });
  const dir = path.resolve(process.cwd(), flags.dir ?? '.');
  const files = deployKit(template, PACKAGE.version, { service: input.service, thresholds: input.thresholds, notes: input.notes });
  const written = await writeKit(dir, files, { overwrite: false, where: '--dir' });
  process.stdout.write(`wrote ${written.length} files to ${path.relative(process.cwd(), dir) || '.'} (${template}); next: read its README.md\n`);
  return ExitCode.Ok;
}
