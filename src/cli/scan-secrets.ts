import path from 'node:path';
import { Option, type Command } from 'commander';
import { loadConfig } from '../core/config/load.js';
import { UsageError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { PACKAGE } from '../core/package-info.js';
import { SEVERITIES, atOrAbove, type Severity } from '../core/result.js';
import { REPORT_FORMATS, getReporter } from '../report/registry.js';
import { writeBaseline } from '../scan/secrets/baseline.js';
import { runSecrets } from '../scan/secrets/run.js';
import type { SecretsSource } from '../scan/secrets/scan.js';

interface Flags {
  git?: string | boolean;
  staged?: boolean;
  stdin?: boolean;
  format: string;
  mask: boolean;
  baseline?: string;
  writeBaseline?: string;
  failOn?: string;
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
    .addOption(new Option('--format <format>', 'output format').choices(REPORT_FORMATS).default('table'))
    .option('--no-mask', 'print secrets in full (a warning goes to stderr); default masks all but the first 4 characters')
    .option('--baseline <file>', 'report only findings not recorded in this baseline (default: scan.secrets.baseline)')
    .option('--write-baseline <file>', 'record the fingerprints of every current finding in FILE and exit 0')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity (default: scan.secrets.failOn, scan.failOn, else low)').choices([...SEVERITIES]))
    .action(async (target: string | undefined, flags: Flags, cmd: Command) => {
      setCode(await runScanSecrets(target, flags, cmd.optsWithGlobals().config as string | undefined));
    });
}

async function runScanSecrets(target: string | undefined, flags: Flags, configPath: string | undefined): Promise<number> {
  const cwd = process.cwd();
  const modes = [flags.git !== undefined, flags.staged === true, flags.stdin === true].filter(Boolean).length;
  if (modes > 1) throw new UsageError('choose one of --git, --staged and --stdin', { where: flags.stdin ? '--stdin' : '--staged' });
  if (flags.stdin && target !== undefined) throw new UsageError('--stdin reads standard input; drop the path', { where: '[path]' });
  const { config, file } = await loadConfig({ cwd, configPath });
  const configDir = file ? path.dirname(file) : cwd;
  const scanCfg = config.scan;
  const root = target !== undefined ? path.resolve(cwd, target) : scanCfg?.path ? path.resolve(configDir, scanCfg.path) : cwd;
  if (!flags.mask) process.stderr.write('warning: --no-mask prints secrets in full; keep this output out of logs, tickets and CI artifacts\n');

  const source: SecretsSource = flags.stdin
    ? { kind: 'stdin', input: process.stdin }
    : flags.staged
      ? { kind: 'staged', cwd: root }
      : flags.git !== undefined
        ? { kind: 'git', cwd: root, ...(typeof flags.git === 'string' ? { range: flags.git } : {}) }
        : { kind: 'dir', path: root };
  const ac = new AbortController();
  const onSignal = () => ac.abort();
  process.once('SIGINT', onSignal);
  const startedAt = new Date();
  let r;
  try {
    r = await runSecrets({
      source,
      scan: scanCfg,
      configDir,
      signal: ac.signal,
      mask: flags.mask,
      ...(flags.baseline !== undefined ? { baseline: path.resolve(cwd, flags.baseline) } : {}),
      skipBaseline: flags.writeBaseline !== undefined,
      ...(flags.failOn !== undefined ? { failOn: flags.failOn as Severity } : {}),
    });
  } finally {
    process.off('SIGINT', onSignal);
  }
  if (flags.writeBaseline !== undefined) {
    await writeBaseline(path.resolve(cwd, flags.writeBaseline), r.current);
    process.stderr.write(`wrote ${r.current.length} finding${r.current.length === 1 ? '' : 's'} to the baseline ${flags.writeBaseline}\n`);
    return ExitCode.Ok;
  }
  const { check, current, fresh, failOn } = r;
  const report = { tool: { name: 'gonogo', version: PACKAGE.version }, command: 'scan secrets', startedAt: startedAt.toISOString(), finishedAt: new Date().toISOString(), checks: [check] };
  const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
  process.stdout.write(getReporter(flags.format)(report, { color }));
  if (fresh.length === 0 && current.length > 0) process.stderr.write(`no new secrets; ${current.length - fresh.length} known in baseline\n`);
  if (ac.signal.aborted) return ExitCode.Unreachable;
  return fresh.some((f) => atOrAbove(f.severity, failOn)) ? ExitCode.GateFailed : ExitCode.Ok;
}
