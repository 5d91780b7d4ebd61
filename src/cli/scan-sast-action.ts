import { runSast } from '../scan/sast/run.js';
import { runCodeScan, type CodeScanFlags } from './scan-code-run.js';

/** `gonogo scan sast` itself, loaded only when the command runs (see scan-sast.ts): the rules and tree-sitter load here. */
export function runScanSast(target: string | undefined, flags: CodeScanFlags, configPath: string | undefined): Promise<number> {
  return runCodeScan('scan sast', target, flags, configPath, runSast);
}
