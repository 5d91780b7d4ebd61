import path from 'node:path';
import { loadConfig } from '../core/config/load.js';
import { UsageError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import type { ImageFlags } from './scan-image.js';
import { readAdvisoryScanFlags, renderScanReport } from './scan-output.js';

/** `gonogo scan image` itself, loaded only when the command runs (see scan-image.ts). */
export async function runScanImage(target: string | undefined, flags: ImageFlags, configPath: string | undefined): Promise<number> {
  const cwd = process.cwd();
  const startedAt = new Date();
  const { sbom, failOn, maxDbAgeMs } = readAdvisoryScanFlags(flags);
  const { config, file } = await loadConfig({ cwd, configPath });
  const configDir = file ? path.dirname(file) : cwd;
  const image = target !== undefined ? path.resolve(cwd, target) : config.scan?.image ? path.resolve(configDir, config.scan.image.path) : undefined;
  if (!image) throw new UsageError('no image to scan', { where: '[image]', hint: 'give the image: gonogo scan image app.tar (a `docker save` tarball, an oci-archive, an OCI layout folder or a root filesystem), or set scan.image.path' });
  const { imageSummary, runImage } = await import('../scan/image/run.js');
  const ac = new AbortController();
  const onSignal = () => ac.abort();
  process.once('SIGINT', onSignal);
  let out;
  try {
    out = await runImage({ image, scan: config.scan, configDir, db: flags.db === undefined ? undefined : path.resolve(cwd, flags.db), failOn, maxDbAgeMs, signal: ac.signal });
  } finally {
    process.off('SIGINT', onSignal);
  }
  for (const line of [imageSummary(out.result), ...out.dataLines, ...out.result.notes.map((n) => `note: ${n}`)]) process.stderr.write(`${line}\n`);
  if (sbom) {
    const { cycloneDxJson } = await import('../scan/deps/cyclonedx.js');
    const { spdxJson } = await import('../scan/deps/spdx.js');
    const write = flags.format === 'spdx' ? spdxJson : cycloneDxJson;
    const project = { name: out.result.image.tags[0] ?? path.basename(image), type: 'container' as const };
    process.stdout.write(write({ lockfiles: out.result.lockfiles, matched: out.result.matched, project, timestamp: startedAt, suppressed: out.outcome.suppressed }));
    return out.failed ? ExitCode.GateFailed : ExitCode.Ok;
  }
  process.stdout.write(renderScanReport('scan image', out.checks, { format: flags.format, startedAt, configFile: file, cwd }));
  return out.failed ? ExitCode.GateFailed : ExitCode.Ok;
}
