import { runIac } from '../scan/iac/run.js';
import { runCodeScan, type CodeScanFlags } from './scan-code-run.js';

/** `gonogo scan iac` itself, loaded only when the command runs (see scan-iac.ts): the rules and parsers load here. */
export function runScanIac(target: string | undefined, flags: CodeScanFlags, configPath: string | undefined): Promise<number> {
  return runCodeScan('scan iac', target, flags, configPath, runIac);
}
