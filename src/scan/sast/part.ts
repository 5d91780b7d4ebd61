import { PART_CATALOGUE } from '../../core/part-catalogue.js';
import type { Part } from '../../core/part.js';
import { resolveScanRoot } from '../../core/scan-root.js';
import { applyRegister, DEFAULT_FAIL_ON, registerEvidence, registerPolicyFromConfig } from '../register/index.js';
import { sastChecks } from './check.js';
import { SAST_RULES } from './rules/index.js';
import { scanSast } from './scan.js';
import { selectRules } from './select-rules.js';

/** Static analysis in `gonogo run`: the scan root's JavaScript, TypeScript and Python. */
export const sastPart: Part = {
  name: 'sast',
  title: PART_CATALOGUE.sast.title,
  skipReason(config) {
    if (!config.scan) return 'no `scan` section in the config';
    return config.scan.sast?.enabled === false ? 'scan.sast.enabled is false' : undefined;
  },
  async run(ctx) {
    const scan = ctx.config.scan;
    const { root } = resolveScanRoot({ cwd: ctx.root, configFile: ctx.configFile, scanPath: scan?.path });
    const rules = selectRules(SAST_RULES, 'sast', scan?.sast?.rules, scan?.sast?.disable, 'scan.sast.rules');
    const result = await scanSast(root, { rules, exclude: [...(scan?.exclude ?? []), ...(scan?.sast?.exclude ?? [])], maxFileBytes: scan?.sast?.maxFileBytes, signal: ctx.signal });
    ctx.log(`sast: ${result.files} files, ${result.findings.length} findings`);
    const outcome = applyRegister(result.findings, registerPolicyFromConfig(scan));
    return { checks: sastChecks(result, outcome.open, rules, scan?.failOn ?? DEFAULT_FAIL_ON, registerEvidence(outcome)) };
  },
};
