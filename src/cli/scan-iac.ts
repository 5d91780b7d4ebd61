import { Command, Option } from 'commander';
import { SEVERITIES } from '../core/result.js';
import { REPORTERS } from '../report/registry.js';
import { iacChecks } from '../scan/iac/check.js';
import { IAC_RULES } from '../scan/iac/rules/index.js';
import { scanIac } from '../scan/iac/scan.js';
import { selectRules } from '../scan/sast/select-rules.js';
import { runCodeScan, type CodeScanFlags } from './scan-sast.js';

/** `gonogo scan iac [path]`. */
export function registerScanIac(scan: Command, setCode: (c: number) => void): void {
  scan
    .command('iac')
    .description('Check Dockerfiles, docker-compose files and Kubernetes manifests for insecure settings (docs/iac.md)')
    .argument('[path]', 'folder or file to scan (default: scan.path from the config, else the working directory)')
    .addOption(new Option('--format <format>', 'output format').choices(Object.keys(REPORTERS)).default('table'))
    .addOption(new Option('--fail-on <severity>', 'exit 1 when an open finding is at or above this severity (default scan.failOn, else high)').choices([...SEVERITIES]))
    .option('--rules <ids>', 'run only these rules, comma-separated (e.g. iac.k8s-privileged,dockerfile-root-user)')
    .action(async (target: string | undefined, flags: CodeScanFlags, cmd: Command) => {
      setCode(
        await runCodeScan('scan iac', target, flags, cmd.optsWithGlobals().config as string | undefined, async (root, config) => {
          const section = config.scan?.iac;
          const rules = selectRules(IAC_RULES, 'iac', flags.rules?.split(',') ?? section?.rules, section?.disable, flags.rules ? '--rules' : 'scan.iac.rules');
          const result = await scanIac(root, { rules, exclude: [...(config.scan?.exclude ?? []), ...(section?.exclude ?? [])] });
          return { findings: result.findings, checks: (open, failOn, note) => iacChecks(result, open, rules, failOn, note) };
        }),
      );
    });
}
