import path from 'node:path';
import { loadConfig } from '../core/config/load.js';
import { ExitCode } from '../core/exit-codes.js';
import { existingScanRoot } from '../core/scan-root.js';
import type { DepsFlags } from './scan-deps.js';
import { readAdvisoryScanFlags, relativeToCwd, renderScanReport } from './scan-output.js';

/** `gonogo scan deps` itself, loaded only when the command runs (see scan-deps.ts). */
export async function runScanDeps(target: string | undefined, flags: DepsFlags, configPath: string | undefined): Promise<number> {
  const cwd = process.cwd();
  const startedAt = new Date();
  const { sbom, failOn, maxDbAgeMs } = readAdvisoryScanFlags(flags);
  const { config, file } = await loadConfig({ cwd, configPath });
  const { root, configDir, isFile } = await existingScanRoot({ arg: target, cwd, configFile: file, scanPath: config.scan?.path });
  // Loaded on use: every other command stays free of the lockfile parsers and the CVSS calculator.
  const { runDeps } = await import('../scan/deps/run.js');
  const out = await runDeps({ root, scan: config.scan, configDir, db: flags.db === undefined ? undefined : path.resolve(cwd, flags.db), failOn, maxDbAgeMs });
  for (const line of [...out.dataLines, ...out.result.notes.map((n) => `note: ${n}`)]) process.stderr.write(`${line}\n`);
  if (sbom) {
    const { cycloneDxJson } = await import('../scan/deps/cyclonedx.js');
    const { spdxJson } = await import('../scan/deps/spdx.js');
    const write = flags.format === 'spdx' ? spdxJson : cycloneDxJson;
    const project = { name: path.basename(isFile ? path.dirname(root) : root) };
    process.stdout.write(write({ lockfiles: out.result.lockfiles, matched: out.result.matched, project, timestamp: startedAt, includeDev: config.scan?.deps?.includeDev, suppressed: out.outcome.suppressed }));
    return out.failed ? ExitCode.GateFailed : ExitCode.Ok;
  }
  const checks = relativeToCwd(out.checks, root, cwd, isFile);
  process.stdout.write(renderScanReport('scan deps', checks, { format: flags.format, startedAt, configFile: file, cwd }));
  return out.failed ? ExitCode.GateFailed : ExitCode.Ok;
}
