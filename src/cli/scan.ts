import { Command, Option } from 'commander';
import { REPORT_FORMAT_NAMES } from '../report/format-names.js';
import { partsInGroup } from '../core/part-catalogue.js';
import { registerScanDeps } from './scan-deps.js';
import { registerScanIac } from './scan-iac.js';
import { registerScanImage } from './scan-image.js';
import { registerScanSast } from './scan-sast.js';
import { registerScanSecrets } from './scan-secrets.js';

export interface ScanFlags {
  format: string;
  failOn?: string;
  db?: string;
}

/** `gonogo scan <scanner>`: one subcommand per scanner, each in its own file; bare `gonogo scan [path]` runs them all. */
export function registerScan(program: Command, setCode: (c: number) => void): void {
  const scan = program.command('scan').description('Scan a repository: secrets, vulnerable dependencies, static analysis, container and Kubernetes config');
  // `gonogo scan [path]` is the default subcommand `all`: options on `scan` itself would swallow the
  // scanners' own (`gonogo scan deps --format json`), since commander parses parent options first.
  scan
    .command('all', { isDefault: true })
    .description(`Run every scanner (${partsInGroup('scan').join(', ')}) and print one combined report; \`gonogo scan [path]\` does the same`)
    .argument('[path]', 'folder to scan (default: scan.path from the config, else the working directory)')
    .addOption(new Option('--format <format>', 'output format of the combined report').choices(REPORT_FORMAT_NAMES).default('table'))
    .option('--fail-on <severity>', 'fail (exit 1) on an open finding at or above this severity (default: scan.failOn, else high)')
    .option('--db <path>', 'OSV data for the deps scanner (see `gonogo scan deps --help`)')
    .action(async (target: string | undefined, flags: ScanFlags, cmd: Command) => {
      const { runAllScanners } = await import('./scan-all-action.js');
      setCode(await runAllScanners(target, flags, cmd.optsWithGlobals().config as string | undefined));
    });
  registerScanSecrets(scan, setCode);
  registerScanDeps(scan, setCode);
  registerScanSast(scan, setCode);
  registerScanIac(scan, setCode);
  registerScanImage(scan, setCode);
}
