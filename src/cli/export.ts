import type { Command } from 'commander';

export interface ExportMonitoringFlags {
  out: string;
  target?: string;
  runbookUrl?: string;
}

/** `gonogo export monitoring`: the operations kit derived from the config's thresholds. */
export function registerExport(program: Command, setCode: (c: number) => void): void {
  const exp = program.command('export').description('Export what operations need from the config (a monitoring kit)');
  exp
    .command('monitoring')
    .description('Write Prometheus rules and tests, Alertmanager config, Grafana dashboards and runbooks from the config\'s target, thresholds and service')
    .option('--out <dir>', 'folder to write into (files the kit owns are overwritten)', 'monitoring')
    .option('--target <url>', 'the service to monitor (default: target from the config)')
    .option('--runbook-url <url>', 'base of every alert\'s runbook_url (default: runbooks.md in the kit)')
    .action(async (flags: ExportMonitoringFlags, cmd: Command) => {
      const { runExportMonitoring } = await import('./export-action.js');
      setCode(await runExportMonitoring(flags, cmd.optsWithGlobals().config as string | undefined));
    });
}
