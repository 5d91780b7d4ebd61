import { stat } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../core/config/load.js';
import type { GonogoConfig } from '../core/config/schema.js';
import { GonogoError, UsageError, formatError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import type { CheckResult } from '../core/result.js';
import { PARTS } from '../run/parts.js';
import { SCANNERS, type ScanFlags } from './scan.js';
import { checkFormat, parseFailOn, relativeToCwd, renderScanReport } from './scan-output.js';

/** `gonogo scan [path]` itself, loaded only when the command runs (see scan.ts). */
export async function runAllScanners(target: string | undefined, flags: ScanFlags, configPath: string | undefined): Promise<number> {
  const cwd = process.cwd();
  const startedAt = new Date();
  checkFormat(flags.format);
  const failOn = parseFailOn(flags.failOn);
  const { config, file } = await loadConfig({ cwd, configPath });
  const configDir = file ? path.dirname(file) : cwd;
  const root = target !== undefined ? path.resolve(cwd, target) : config.scan?.path ? path.resolve(configDir, config.scan.path) : cwd;
  const rootStat = await stat(root).catch(() => undefined);
  if (!rootStat) throw new UsageError(`cannot scan ${target ?? root}: no such file or folder`, { where: target === undefined ? 'scan.path' : '[path]' });

  // Flags override the config the parts read; the root is already resolved, so scan.path goes.
  const scanConfig = { ...config.scan, path: undefined, ...(failOn ? { failOn } : {}), ...(flags.db ? { deps: { ...config.scan?.deps, db: path.resolve(cwd, flags.db) } } : {}) };
  const partConfig: GonogoConfig = { ...config, scan: scanConfig };
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  const checks: CheckResult[] = [];
  let errorCode: number = ExitCode.Ok;
  try {
    for (const name of SCANNERS) {
      const load = PARTS[name];
      if (!load) {
        checks.push({ id: `${name}.scanner`, title: `${name} scanner`, category: 'Security', status: 'skip', evidence: `the ${name} scanner is not part of this build` });
        continue;
      }
      const part = await load();
      const skip = part.skipReason(partConfig, undefined);
      if (skip) {
        checks.push({ id: `${name}.scanner`, title: part.title, category: 'Security', status: 'skip', evidence: skip });
        continue;
      }
      try {
        const out = await part.run({ config: partConfig, configFile: file, root, scale: 1, signal: controller.signal, log: (l) => process.stderr.write(`${l}\n`) });
        checks.push(...out.checks);
      } catch (err) {
        // One scanner failing must not hide the others' findings: report it and go on.
        const e = err instanceof GonogoError ? err : new GonogoError('GONOGO_INTERNAL', (err as Error)?.message ?? String(err));
        process.stderr.write(`${formatError(e)}\n`);
        checks.push({ id: `${name}.scanner`, title: part.title, category: 'Security', status: 'fail', evidence: `error[${e.code}]: ${e.message}` });
        errorCode = Math.max(errorCode, e.exitCode);
      }
      if (controller.signal.aborted) break;
    }
  } finally {
    process.off('SIGINT', onSignal);
  }
  process.stdout.write(renderScanReport('scan', relativeToCwd(checks, root, cwd, rootStat.isFile()), { format: flags.format, startedAt, configFile: file, cwd }));
  if (controller.signal.aborted) return ExitCode.Unreachable;
  if (errorCode !== ExitCode.Ok) return errorCode;
  return checks.some((c) => c.status === 'fail') ? ExitCode.GateFailed : ExitCode.Ok;
}
