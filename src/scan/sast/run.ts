import type { ScanConfig } from '../../core/config/scan-section.js';
import type { CheckResult, Finding, Severity } from '../../core/result.js';
import { applyRegister, DEFAULT_FAIL_ON, registerEvidence, registerPolicyFromConfig } from '../register/index.js';
import { sastChecks } from './check.js';
import { customRules } from './custom-rules.js';
import { SAST_RULES } from './rules/index.js';
import { scanSast, type SastScanResult } from './scan.js';
import { selectRules } from './select-rules.js';

export interface SastRunInput {
  /** Folder or file to scan, absolute. */
  root: string;
  scan?: ScanConfig;
  /** Rule ids from the command line (`--rules`), over `scan.sast.rules`. */
  rules?: readonly string[];
  failOn?: Severity;
  signal?: AbortSignal;
}

/** The whole sast scan as `gonogo scan sast` and `gonogo run` do it: config + flags -> rules -> scan -> register -> checks. */
export async function runSast(input: SastRunInput): Promise<{ result: SastScanResult; open: Finding[]; failOn: Severity; checks: CheckResult[] }> {
  const scan = input.scan;
  const section = scan?.sast;
  const rules = selectRules([...SAST_RULES, ...customRules(section?.custom)], 'sast', input.rules ?? section?.rules, section?.disable, input.rules ? '--rules' : 'scan.sast.rules');
  const result = await scanSast(input.root, { rules, exclude: [...(scan?.exclude ?? []), ...(section?.exclude ?? [])], maxFileBytes: section?.maxFileBytes, signal: input.signal });
  const outcome = applyRegister(result.findings, registerPolicyFromConfig(scan));
  const failOn = input.failOn ?? scan?.failOn ?? DEFAULT_FAIL_ON;
  return { result, open: outcome.open, failOn, checks: sastChecks(result, outcome.open, rules, failOn, registerEvidence(outcome)) };
}
