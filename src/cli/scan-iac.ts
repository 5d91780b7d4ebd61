import { Command, Option } from 'commander';
import { SEVERITIES } from '../core/result.js';
import { REPORT_FORMAT_NAMES } from '../report/format-names.js';
import type { CodeScanFlags } from './scan-code-run.js';

/** `gonogo scan iac [path]`. */
export function registerScanIac(scan: Command, setCode: (c: number) => void): void {
  scan
    .command('iac')
    .description('Check Dockerfiles, docker-compose files and Kubernetes manifests for insecure settings (docs/iac.md)')
    .argument('[path]', 'folder or file to scan (default: scan.path from the config, else the working directory)')
    .addOption(new Option('--format <format>', 'output format').choices(REPORT_FORMAT_NAMES).default('table'))
    .addOption(new Option('--fail-on <severity>', 'exit 1 when an open finding is at or above this severity (default scan.failOn, else high)').choices([...SEVERITIES]))
    .option('--rules <ids>', 'run only these rules, comma-separated (e.g. iac.k8s-privileged,dockerfile-root-user)')
    .action(async (target: string | undefined, flags: CodeScanFlags, cmd: Command) => {
      const { runScanIac } = await import('./scan-iac-action.js');
      setCode(await runScanIac(target, flags, cmd.optsWithGlobals().config as string | undefined));
    });
}
