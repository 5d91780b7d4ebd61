import path from 'node:path';
import { loadConfig } from '../core/config/load.js';
import { UsageError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { resolveScanRoot } from '../core/scan-root.js';
import { atOrAbove, type Severity } from '../core/result.js';
import { newReport } from '../core/report-envelope.js';
import { loadReporter } from '../report/load-reporter.js';
import { writeBaseline } from '../scan/secrets/baseline.js';
import { runSecrets } from '../scan/secrets/run.js';
import { MAX_VERIFICATIONS } from '../scan/secrets/verify.js';
import type { SecretsSource } from '../scan/secrets/scan.js';
import type { ScanSecretsFlags } from './scan-secrets.js';

/** `gonogo scan secrets`: the scanner and reporters load only when the command runs (src/cli/scan-secrets.ts registers it). */
export async function runScanSecrets(target: string | undefined, flags: ScanSecretsFlags, configPath: string | undefined): Promise<number> {
  const cwd = process.cwd();
  const modes = [flags.git !== undefined, flags.staged === true, flags.stdin === true].filter(Boolean).length;
  if (modes > 1) throw new UsageError('choose one of --git, --staged and --stdin', { where: flags.stdin ? '--stdin' : '--staged' });
  if (flags.stdin && target !== undefined) throw new UsageError('--stdin reads standard input; drop the path', { where: '[path]' });
  const { config, file } = await loadConfig({ cwd, configPath });
  const scanCfg = config.scan;
  const { root, configDir } = resolveScanRoot({ arg: target, cwd, configFile: file, scanPath: scanCfg?.path });
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
      ...(flags.verify === true ? { verify: true } : {}),
    });
  } finally {
    process.off('SIGINT', onSignal);
  }
  if (flags.writeBaseline !== undefined) {
    await writeBaseline(path.resolve(cwd, flags.writeBaseline), r.current);
    process.stderr.write(`wrote ${r.current.length} finding${r.current.length === 1 ? '' : 's'} to the baseline ${flags.writeBaseline}\n`);
    return ExitCode.Ok;
  }
  const { check, current, fresh, open, failOn } = r;
  if (r.verification) process.stderr.write(`verify: ${r.verification.checked} credential${r.verification.checked === 1 ? '' : 's'} checked with their providers${r.verification.skipped > 0 ? `, ${r.verification.skipped} left unchecked (limit ${MAX_VERIFICATIONS})` : ''}\n`);
  const report = newReport('scan secrets', startedAt, [check]);
  const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
  process.stdout.write((await loadReporter(flags.format))(report, { color }));
  if (fresh.length === 0 && current.length > 0) process.stderr.write(`no new secrets; ${current.length - fresh.length} known in baseline\n`);
  if (ac.signal.aborted) return ExitCode.Unreachable;
  return open.some((f) => atOrAbove(f.severity, failOn)) ? ExitCode.GateFailed : ExitCode.Ok;
}
