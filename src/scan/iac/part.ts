import path from 'node:path';
import type { Part } from '../../core/part.js';
import { applyRegister, DEFAULT_FAIL_ON, registerEvidence, registerPolicyFromConfig } from '../register/index.js';
import { selectRules } from '../sast/select-rules.js';
import { iacChecks } from './check.js';
import { IAC_RULES } from './rules/index.js';
import { scanIac } from './scan.js';

/** Container and Kubernetes config checks in `gonogo run`. */
export const iacPart: Part = {
  name: 'iac',
  title: 'Container and Kubernetes config',
  skipReason(config) {
    if (!config.scan) return 'no `scan` section in the config';
    return config.scan.iac?.enabled === false ? 'scan.iac.enabled is false' : undefined;
  },
  async run(ctx) {
    const scan = ctx.config.scan;
    const configDir = ctx.configFile ? path.dirname(ctx.configFile) : ctx.root;
    const root = scan?.path ? path.resolve(configDir, scan.path) : ctx.root;
    const rules = selectRules(IAC_RULES, 'iac', scan?.iac?.rules, scan?.iac?.disable, 'scan.iac.rules');
    const result = await scanIac(root, { rules, exclude: [...(scan?.exclude ?? []), ...(scan?.iac?.exclude ?? [])], signal: ctx.signal });
    ctx.log(`iac: ${result.files.dockerfile + result.files.compose + result.files.k8s} files, ${result.findings.length} findings`);
    const outcome = applyRegister(result.findings, registerPolicyFromConfig(scan));
    return { checks: iacChecks(result, outcome.open, rules, scan?.failOn ?? DEFAULT_FAIL_ON, registerEvidence(outcome)) };
  },
};
