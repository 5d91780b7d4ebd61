/** The kit's input from a validated config: target, service and load.thresholds (or the defaults given). */
import type { GonogoConfig } from '../../core/config/index.js';
import { UsageError } from '../../core/errors.js';
import { parseThresholds, thresholdInputsFromConfig, type ThresholdSource } from '../../core/thresholds/index.js';
import { defaultServiceName, type MonitoringKitInput } from './kit.js';

export function kitInputFromConfig(
  config: GonogoConfig,
  opts: { target?: string; defaults: readonly string[]; dashboardsPath: string; runbookBase?: string },
): MonitoringKitInput {
  const target = opts.target ?? config.target;
  if (target === undefined) {
    throw new UsageError('export monitoring needs the service\'s URL: set `target` in the config, or pass --target', { where: 'target', hint: 'for example target: https://api.example.com' });
  }
  const notes: string[] = [];
  let inputs: ThresholdSource[] = thresholdInputsFromConfig(config.load?.thresholds, 'load.thresholds');
  if (inputs.length === 0) {
    inputs = opts.defaults.map((input, i) => ({ input, where: `launch default ${i + 1}` }));
    notes.push(`no load.thresholds in the config; the launch defaults ${opts.defaults.join(' and ')} are used`);
  }
  const service = config.service ?? defaultServiceName(target);
  if (config.service === undefined) notes.push(`no \`service\` in the config; the target's host name "${service}" names the job, the alerts and the dashboards`);
  return { service, target, thresholds: parseThresholds(inputs), dashboardsPath: opts.dashboardsPath, runbookBase: opts.runbookBase, notes };
}
