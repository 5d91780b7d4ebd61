import { PART_CATALOGUE } from '../../core/part-catalogue.js';
import type { Part } from '../../core/part.js';
import { resolveScanRoot } from '../../core/scan-root.js';
import { applyRegister, DEFAULT_FAIL_ON, registerEvidence, registerPolicyFromConfig } from '../register/index.js';
import { selectRules } from '../sast/select-rules.js';
import { iacChecks } from './check.js';
import { IAC_RULES } from './rules/index.js';
import { scanIac } from './scan.js';

/** Container and Kubernetes config checks in `gonogo run`. */
export const iacPart: Part = {
  name: 'iac',
  title: PART_CATALOGUE.iac.title,
  skipReason(config) {
    if (!config.scan) return 'no `scan` section in the config';
    return config.scan.iac?.enabled === false ? 'scan.iac.enabled is false' : undefined;
  },
  async run(ctx) {
    const scan = ctx.config.scan;
    const { root } = resolveScanRoot({ cwd: ctx.root, configFile: ctx.configFile, scanPath: scan?.path });
    const rules = selectRules(IAC_RULES, 'iac', scan?.iac?.rules, scan?.iac?.disable, 'scan.iac.rules');
    const result = await scanIac(root, { rules, exclude: [...(scan?.exclude ?? []), ...(scan?.iac?.exclude ?? [])], signal: ctx.signal });
    ctx.log(`iac: ${result.files.dockerfile + result.files.compose + result.files.k8s} files, ${result.findings.length} findings`);
    const outcome = applyRegister(result.findings, registerPolicyFromConfig(scan));
    return { checks: iacChecks(result, outcome.open, rules, scan?.failOn ?? DEFAULT_FAIL_ON, registerEvidence(outcome)) };
  },
};
