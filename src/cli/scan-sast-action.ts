import { sastChecks } from '../scan/sast/check.js';
import { SAST_RULES } from '../scan/sast/rules/index.js';
import { scanSast } from '../scan/sast/scan.js';
import { selectRules } from '../scan/sast/select-rules.js';
import { runCodeScan, type CodeScanFlags } from './scan-code-run.js';

/** `gonogo scan sast` itself, loaded only when the command runs (see scan-sast.ts): the rules and tree-sitter load here. */
export function runScanSast(target: string | undefined, flags: CodeScanFlags, configPath: string | undefined): Promise<number> {
  return runCodeScan('scan sast', target, flags, configPath, async (root, config) => {
    const section = config.scan?.sast;
    const rules = selectRules(SAST_RULES, 'sast', flags.rules?.split(',') ?? section?.rules, section?.disable, flags.rules ? '--rules' : 'scan.sast.rules');
    const result = await scanSast(root, { rules, exclude: [...(config.scan?.exclude ?? []), ...(section?.exclude ?? [])], maxFileBytes: section?.maxFileBytes });
    return { findings: result.findings, checks: (open, failOn, note) => sastChecks(result, open, rules, failOn, note) };
  });
}
