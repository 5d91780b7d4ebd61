import { Command, Option } from 'commander';
import { REPORT_FORMAT_NAMES } from '../report/format-names.js';

export interface ImageFlags {
  db?: string;
  format: string;
  failOn?: string;
  maxDbAge?: string;
}

/** `gonogo scan image [image]`: OS and language packages inside a container image against offline OSV data (docs/image.md). */
export function registerScanImage(scan: Command, setCode: (c: number) => void): void {
  scan
    .command('image')
    .description('Find known-vulnerable OS (Debian, Alpine) and language (npm, PyPI) packages inside a container image, using offline OSV data')
    .argument('[image]', 'docker-archive or oci-archive tarball, OCI layout folder, or unpacked root filesystem (default: scan.image.path from the config)')
    .option('--db <path>', 'OSV data: a folder of <ecosystem>/all.zip, one ecosystem zip, or a folder of OSV JSON (default: scan.deps.db, else the `gonogo db update` cache)')
    .addOption(new Option('--format <format>', 'output format; cyclonedx writes a CycloneDX 1.6 SBOM of the image\'s packages with the vulnerabilities found; spdx an SPDX 2.3 SBOM (packages and dependencies, no vulnerabilities)').choices([...REPORT_FORMAT_NAMES, 'cyclonedx', 'spdx']).default('table'))
    .option('--fail-on <severity>', 'fail (exit 1) on an open finding at or above this severity: info, low, medium, high, critical (default: scan.failOn, else high)')
    .option('--max-db-age <age>', 'warn when the data is older than this, e.g. 7d, 36h, 2w (default: scan.deps.maxDbAge, else 7d)')
    .action(async (target: string | undefined, flags: ImageFlags, cmd: Command) => {
      const { runScanImage } = await import('./scan-image-action.js');
      setCode(await runScanImage(target, flags, cmd.optsWithGlobals().config as string | undefined));
    });
}
