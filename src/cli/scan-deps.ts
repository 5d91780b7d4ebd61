import { Command, Option } from 'commander';
import { REPORT_FORMAT_NAMES } from '../report/format-names.js';

export interface DepsFlags {
  db?: string;
  format: string;
  failOn?: string;
  maxDbAge?: string;
}

/** `gonogo scan deps [path]`: lockfiles against offline OSV data (docs/deps.md). */
export function registerScanDeps(scan: Command, setCode: (c: number) => void): void {
  scan
    .command('deps')
    .description('Find known-vulnerable dependencies in lockfiles (npm, yarn, pnpm, pip, poetry, pipenv) using offline OSV data')
    .argument('[path]', 'folder or lockfile to scan (default: scan.path from the config, else the working directory)')
    .option('--db <path>', 'OSV data: a folder of <ecosystem>/all.zip, one ecosystem zip, or a folder of OSV JSON (default: scan.deps.db, else the `gonogo db update` cache)')
    .addOption(new Option('--format <format>', 'output format; cyclonedx writes a CycloneDX 1.6 SBOM of every package with the vulnerabilities found; spdx an SPDX 2.3 SBOM (packages and dependencies, no vulnerabilities)').choices([...REPORT_FORMAT_NAMES, 'cyclonedx', 'spdx']).default('table'))
    .option('--fail-on <severity>', 'fail (exit 1) on an open finding at or above this severity: info, low, medium, high, critical (default: scan.failOn, else high)')
    .option('--max-db-age <age>', 'warn when the data is older than this, e.g. 7d, 36h, 2w (default: scan.deps.maxDbAge, else 7d)')
    .action(async (target: string | undefined, flags: DepsFlags, cmd: Command) => {
      const { runScanDeps } = await import('./scan-deps-action.js');
      setCode(await runScanDeps(target, flags, cmd.optsWithGlobals().config as string | undefined));
    });
}
