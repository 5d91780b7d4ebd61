import path from 'node:path';
import { loadConfig } from '../core/config/load.js';
import type { GonogoConfig } from '../core/config/schema.js';
import { GonogoError, formatError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { partsInGroup } from '../core/part-catalogue.js';
import type { CheckResult } from '../core/result.js';
import { existingScanRoot } from '../core/scan-root.js';
import { PARTS } from '../run/parts.js';
import { runParts } from '../run/run-parts.js';
import type { ScanFlags } from './scan.js';
import { checkFormat, parseFailOn, relativeToCwd, renderScanReport } from './scan-output.js';

/** `gonogo scan [path]`: the gate's part loop restricted to the scan parts, rendered as one scan report. */
export async function runAllScanners(target: string | undefined, flags: ScanFlags, configPath: string | undefined): Promise<number> {
  const cwd = process.cwd();
  const startedAt = new Date();
  checkFormat(flags.format);
  const failOn = parseFailOn(flags.failOn);
  const { config, file } = await loadConfig({ cwd, configPath });
  const { root, isFile } = await existingScanRoot({ arg: target, cwd, configFile: file, scanPath: config.scan?.path });

  // Flags override the config the parts read; the root is already resolved, so scan.path goes.
  const scanConfig = { ...config.scan, path: undefined, ...(failOn ? { failOn } : {}), ...(flags.db ? { deps: { ...config.scan?.deps, db: path.resolve(cwd, flags.db) } } : {}) };
  const partConfig: GonogoConfig = { ...config, scan: scanConfig };
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  let errorCode: number = ExitCode.Ok;
  let runs;
  try {
    ({ runs } = await runParts({
      names: partsInGroup('scan'),
      parts: PARTS,
      context: { config: partConfig, configFile: file, root, scale: 1, signal: controller.signal, log: (l) => process.stderr.write(`${l}\n`) },
      // One scanner failing must not hide the others' findings: report it and go on.
      usageErrorsAreFailures: true,
      onError: (_name, err) => {
        const e = asGonogoError(err);
        process.stderr.write(`${formatError(e)}\n`);
        errorCode = Math.max(errorCode, e.exitCode);
      },
    }));
  } finally {
    process.off('SIGINT', onSignal);
  }
  const checks: CheckResult[] = runs.flatMap(({ status: s, outcome, error }): CheckResult[] => {
    if (s.status === 'ran') return outcome?.checks ?? [];
    const base = { id: `${s.name}.scanner`, title: s.title, category: 'Security' };
    if (s.status === 'skipped') return [{ ...base, status: 'skip', evidence: s.reason ?? '' }];
    const e = asGonogoError(error);
    return [{ ...base, status: 'fail', evidence: `error[${e.code}]: ${e.message}` }];
  });
  process.stdout.write(renderScanReport('scan', relativeToCwd(checks, root, cwd, isFile), { format: flags.format, startedAt, configFile: file, cwd }));
  if (controller.signal.aborted) return ExitCode.Unreachable;
  if (errorCode !== ExitCode.Ok) return errorCode;
  return checks.some((c) => c.status === 'fail') ? ExitCode.GateFailed : ExitCode.Ok;
}

function asGonogoError(err: unknown): GonogoError {
  return err instanceof GonogoError ? err : new GonogoError('GONOGO_INTERNAL', (err as Error)?.message ?? String(err));
}
