import { iacChecks } from '../scan/iac/check.js';
import { IAC_RULES } from '../scan/iac/rules/index.js';
import { scanIac } from '../scan/iac/scan.js';
import { selectRules } from '../scan/sast/select-rules.js';
import { runCodeScan, type CodeScanFlags } from './scan-code-run.js';

/** `gonogo scan iac` itself, loaded only when the command runs (see scan-iac.ts): the rules and parsers load here. */
export function runScanIac(target: string | undefined, flags: CodeScanFlags, configPath: string | undefined): Promise<number> {
  return runCodeScan('scan iac', target, flags, configPath, async (root, config) => {
    const section = config.scan?.iac;
    const rules = selectRules(IAC_RULES, 'iac', flags.rules?.split(',') ?? section?.rules, section?.disable, flags.rules ? '--rules' : 'scan.iac.rules');
    const result = await scanIac(root, { rules, exclude: [...(config.scan?.exclude ?? []), ...(section?.exclude ?? [])] });
    return { findings: result.findings, checks: (open, failOn, note) => iacChecks(result, open, rules, failOn, note) };
  });
}
