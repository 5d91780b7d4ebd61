import path from 'node:path';
import type { ScanConfig } from '../core/config/scan-section.js';
import { loadConfig } from '../core/config/load.js';
import { ExitCode } from '../core/exit-codes.js';
import { newReport } from '../core/report-envelope.js';
import type { CheckResult, Finding, Severity } from '../core/result.js';
import { existingScanRoot } from '../core/scan-root.js';
import { getReporter } from '../report/registry.js';
import { gateFails } from '../scan/register/index.js';

export interface CodeScanFlags {
  format: string;
  failOn?: string;
  rules?: string;
}

/** A code scanner's pipeline (scan/sast/run.ts, scan/iac/run.ts), the same one `gonogo run` calls. */
export type CodeScanPipeline = (input: { root: string; scan?: ScanConfig; rules?: readonly string[]; failOn?: Severity }) => Promise<{ open: Finding[]; failOn: Severity; checks: CheckResult[] }>;

/**
 * The shape every code scan command shares (sast, iac): resolve the folder, load the config, run the
 * scanner's pipeline (scan, remediation register, checks), render, and gate.
 */
export async function runCodeScan(command: string, target: string | undefined, flags: CodeScanFlags, configPath: string | undefined, pipeline: CodeScanPipeline): Promise<number> {
  const cwd = process.cwd();
  const { config, file } = await loadConfig({ cwd, configPath });
  const { root } = await existingScanRoot({ arg: target, cwd, configFile: file, scanPath: config.scan?.path });
  const startedAt = new Date();
  const run = await pipeline({ root, scan: config.scan, rules: flags.rules?.split(','), failOn: flags.failOn as Severity | undefined });
  const report = newReport(command, startedAt, run.checks);
  const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
  process.stdout.write(getReporter(flags.format)(report, { color, configFile: file ? path.relative(cwd, file) : undefined }));
  return gateFails(run.open, run.failOn) ? ExitCode.GateFailed : ExitCode.Ok;
}
