import { Command, Option } from 'commander';
import { SEVERITIES } from '../core/result.js';
import { REPORT_FORMAT_NAMES } from '../report/format-names.js';
import type { CodeScanFlags } from './scan-code-run.js';

/** `gonogo scan sast [path]`. */
export function registerScanSast(scan: Command, setCode: (c: number) => void): void {
  scan
    .command('sast')
    .description('Static analysis of JavaScript, TypeScript and Python: injection, unsafe deserialization, weak crypto, TLS off, XSS, ... (docs/sast.md)')
    .argument('[path]', 'folder or file to scan (default: scan.path from the config, else the working directory)')
    .addOption(new Option('--format <format>', 'output format').choices(REPORT_FORMAT_NAMES).default('table'))
    .addOption(new Option('--fail-on <severity>', 'exit 1 when an open finding is at or above this severity (default scan.failOn, else high)').choices([...SEVERITIES]))
    .option('--rules <ids>', 'run only these rules, comma-separated (e.g. sast.sql-injection,py-eval)')
    .action(async (target: string | undefined, flags: CodeScanFlags, cmd: Command) => {
      const { runScanSast } = await import('./scan-sast-action.js');
      setCode(await runScanSast(target, flags, cmd.optsWithGlobals().config as string | undefined));
    });
}
