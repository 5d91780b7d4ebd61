import type { ScanConfig } from '../../core/config/scan-section.js';
import type { CheckResult, Finding, Severity } from '../../core/result.js';
import { applyRegister, DEFAULT_FAIL_ON, registerEvidence, registerPolicyFromConfig } from '../register/index.js';
import { iacChecks } from './check.js';
import { customIacRules } from './custom-rules.js';
import { IAC_RULES } from './rules/index.js';
import { scanIac, type IacScanResult } from './scan.js';
import { selectRules } from '../sast/select-rules.js';

export interface IacRunInput {
  /** Folder or file to scan, absolute. */
  root: string;
  scan?: ScanConfig;
  /** Rule ids from the command line (`--rules`), over `scan.iac.rules`. */
  rules?: readonly string[];
  failOn?: Severity;
  signal?: AbortSignal;
}

/** The whole iac scan as `gonogo scan iac` and `gonogo run` do it: config + flags -> rules -> scan -> register -> checks. */
export async function runIac(input: IacRunInput): Promise<{ result: IacScanResult; open: Finding[]; failOn: Severity; checks: CheckResult[] }> {
  const scan = input.scan;
  const section = scan?.iac;
  const rules = selectRules([...IAC_RULES, ...customIacRules(section?.custom)], 'iac', input.rules ?? section?.rules, section?.disable, input.rules ? '--rules' : 'scan.iac.rules');
  const result = await scanIac(input.root, { rules, exclude: [...(scan?.exclude ?? []), ...(section?.exclude ?? [])], signal: input.signal });
  const outcome = applyRegister(result.findings, registerPolicyFromConfig(scan));
  const failOn = input.failOn ?? scan?.failOn ?? DEFAULT_FAIL_ON;
  return { result, open: outcome.open, failOn, checks: iacChecks(result, outcome.open, rules, failOn, registerEvidence(outcome)) };
}
