import { Option, type Command } from 'commander';
import { SEVERITIES } from '../core/result.js';
import { REPORT_FORMAT_NAMES } from '../report/format-names.js';

export interface ScanSecretsFlags {
  git?: string | boolean;
  staged?: boolean;
  stdin?: boolean;
  format: string;
  mask: boolean;
  baseline?: string;
  writeBaseline?: string;
  failOn?: string;
  verify?: boolean;
}

/** `gonogo scan secrets [path]` (docs/secrets.md). */
export function registerScanSecrets(scan: Command, setCode: (c: number) => void): void {
  scan
    .command('secrets')
    .description('Find credentials in a directory, git history, staged changes or stdin')
    .argument('[path]', 'directory or file to scan (default: scan.path from the config, else the working directory); the repository for --git/--staged')
    .option('--git [range]', 'scan git history (added lines of every commit, or of a range such as main..HEAD)')
    .option('--staged', 'scan only the staged changes (the index), as the pre-commit hook does')
    .option('--stdin', 'scan text read from standard input')
    .addOption(new Option('--format <format>', 'output format').choices(REPORT_FORMAT_NAMES).default('table'))
    .option('--no-mask', 'print secrets in full (a warning goes to stderr); default masks all but the first 4 characters')
    .option('--baseline <file>', 'report only findings not recorded in this baseline (default: scan.secrets.baseline)')
    .option('--write-baseline <file>', 'record the fingerprints of every current finding in FILE and exit 0')
    .option('--verify', "ask each found credential's provider whether it is live (GitHub, GitLab, Slack, Stripe, OpenAI identity endpoints; sends the secret to its provider only; off by default)")
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity (default: scan.secrets.failOn, scan.failOn, else low)').choices([...SEVERITIES]))
    .action(async (target: string | undefined, flags: ScanSecretsFlags, cmd: Command) => {
      const { runScanSecrets } = await import('./scan-secrets-action.js');
      setCode(await runScanSecrets(target, flags, cmd.optsWithGlobals().config as string | undefined));
    });
}
