import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Command, Option } from 'commander';
import type { GonogoConfig } from '../core/config/schema.js';
import { loadConfig } from '../core/config/load.js';
import { UsageError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { PACKAGE } from '../core/package-info.js';
import { SEVERITIES, type CheckResult, type Finding, type Severity } from '../core/result.js';
import { REPORTERS, getReporter } from '../report/registry.js';
import { applyRegister, DEFAULT_FAIL_ON, gateFails, registerEvidence, registerPolicyFromConfig } from '../scan/register/index.js';
import { sastChecks } from '../scan/sast/check.js';
import { scanSast } from '../scan/sast/scan.js';
import { SAST_RULES } from '../scan/sast/rules/index.js';
import { selectRules } from '../scan/sast/select-rules.js';

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

/** `gonogo scan sast [path]`. */
export function registerScanSast(scan: Command, setCode: (c: number) => void): void {
  scan
    .command('sast')
    .description('Static analysis of JavaScript, TypeScript and Python: injection, unsafe deserialization, weak crypto, TLS off, XSS, ... (docs/sast.md)')
    .argument('[path]', 'folder or file to scan (default: scan.path from the config, else the working directory)')
    .addOption(new Option('--format <format>', 'output format').choices(Object.keys(REPORTERS)).default('table'))
    .addOption(new Option('--fail-on <severity>', 'exit 1 when an open finding is at or above this severity (default scan.failOn, else high)').choices([...SEVERITIES]))
    .option('--rules <ids>', 'run only these rules, comma-separated (e.g. sast.sql-injection,py-eval)')
    .action(async (target: string | undefined, flags: CodeScanFlags, cmd: Command) => {
      setCode(
        await runCodeScan('scan sast', target, flags, cmd.optsWithGlobals().config as string | undefined, async (root, config) => {
          const section = config.scan?.sast;
          const rules = selectRules(SAST_RULES, 'sast', flags.rules?.split(',') ?? section?.rules, section?.disable, flags.rules ? '--rules' : 'scan.sast.rules');
          const result = await scanSast(root, { rules, exclude: [...(config.scan?.exclude ?? []), ...(section?.exclude ?? [])], maxFileBytes: section?.maxFileBytes });
          return { findings: result.findings, checks: (open, failOn, note) => sastChecks(result, open, rules, failOn, note) };
        }),
      );
    });
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
  const base = file ? path.dirname(file) : cwd;
  const root = target !== undefined ? path.resolve(cwd, target) : path.resolve(base, config.scan?.path ?? '.');
  try {
    await stat(root);
  } catch (err) {
    throw new UsageError(`cannot scan ${root}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, { where: target !== undefined ? '[path]' : 'scan.path', hint: 'give an existing folder or file' });
  }
  const failOn = (flags.failOn ?? config.scan?.failOn ?? DEFAULT_FAIL_ON) as Severity;
  const startedAt = new Date();
  const run = await scan(root, config);
  const outcome = applyRegister(run.findings, registerPolicyFromConfig(config.scan));
  const checks = run.checks(outcome.open, failOn, registerEvidence(outcome));
  const report = { tool: { name: 'gonogo', version: PACKAGE.version }, command, startedAt: startedAt.toISOString(), finishedAt: new Date().toISOString(), checks };
  const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
  process.stdout.write(getReporter(flags.format)(report, { color, configFile: file ? path.relative(cwd, file) : undefined }));
  return gateFails(outcome.open, failOn) ? ExitCode.GateFailed : ExitCode.Ok;
}
