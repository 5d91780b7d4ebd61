import path from 'node:path';
import type { GonogoConfig } from '../core/config/schema.js';
import { loadConfig } from '../core/config/load.js';
import { ExitCode } from '../core/exit-codes.js';
import { existingScanRoot } from '../core/scan-root.js';
import type { CheckResult, Finding, Severity } from '../core/result.js';
import { newReport } from '../core/report-envelope.js';
import { getReporter } from '../report/registry.js';
import { applyRegister, DEFAULT_FAIL_ON, gateFails, registerEvidence, registerPolicyFromConfig } from '../scan/register/index.js';

export interface CodeScanFlags {
  format: string;
  failOn?: string;
  rules?: string;
}

/** What a code scanner gives the shared command runner. */
export interface CodeScanRun {
  findings: Finding[];
  /** Builds the report's checks from the findings left open after the register. */
  checks(open: Finding[], failOn: Severity, registerNote: string): CheckResult[];
}

/**
 * The shape every code scan command shares (sast, iac): resolve the folder, load the config, scan,
 * apply the remediation register (suppressions, priority, due dates), render, and gate.
 */
export async function runCodeScan(
  command: string,
  target: string | undefined,
  flags: CodeScanFlags,
  configPath: string | undefined,
  scan: (root: string, config: GonogoConfig) => Promise<CodeScanRun>,
): Promise<number> {
  const cwd = process.cwd();
  const { config, file } = await loadConfig({ cwd, configPath });
  const { root } = await existingScanRoot({ arg: target, cwd, configFile: file, scanPath: config.scan?.path });
  const failOn = (flags.failOn ?? config.scan?.failOn ?? DEFAULT_FAIL_ON) as Severity;
  const startedAt = new Date();
  const run = await scan(root, config);
  const outcome = applyRegister(run.findings, registerPolicyFromConfig(config.scan));
  const checks = run.checks(outcome.open, failOn, registerEvidence(outcome));
  const report = newReport(command, startedAt, checks);
  const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
  process.stdout.write(getReporter(flags.format)(report, { color, configFile: file ? path.relative(cwd, file) : undefined }));
  return gateFails(outcome.open, failOn) ? ExitCode.GateFailed : ExitCode.Ok;
}
