import type { CustomIacRuleConfig } from '../../core/config/scan-iac-section.js';
import { parseObjectPath, walkObjectPath, type PathHit } from '../../core/object-path.js';
import type { ComposeRule, DockerfileRule, IacRule, K8sObjectRule } from './rule.js';

type Flag = CustomIacRuleConfig['flag'];

/**
 * The project's own IaC rules from `scan.iac.custom` (docs/iac.md#custom-rules): a path and one condition on a
 * Kubernetes object or compose service, or an instruction and a pattern in a Dockerfile. They run, select, suppress
 * and report like the built-ins.
 */
export function customIacRules(configs: readonly CustomIacRuleConfig[] | undefined): IacRule[] {
  return (configs ?? []).map((c) => {
    const base = {
      id: c.id,
      title: c.title,
      severity: c.severity,
      ...(c.cwe ? { cwe: c.cwe } : {}),
      refs: {},
      remediation: c.remediation ?? 'Change the setting as the project rule asks (see scan.iac.custom in the config).',
      samples: { bad: [], good: [] },
    };
    if (c.file === 'dockerfile') return dockerfileRule(base, c.instruction ?? 'RUN', c.flag);
    const steps = parseObjectPath(c.path ?? '');
    if (!steps) throw new Error(`${c.id}: path "${c.path}" was accepted by the config but does not parse`);
    const flagged = (hit: PathHit) => decide(c.flag, hit);
    const describe = (hit: PathHit) => (hit.found ? `${c.title}: ${c.path} is ${show(hit.value)}` : `${c.title}: ${c.path} is not set`);
    if (c.file === 'compose') {
      const rule: ComposeRule = {
        ...base,
        kind: 'compose',
        check(service, _name, report) {
          for (const hit of walkObjectPath(service, steps)) if (flagged(hit)) report(hit.at, describe(hit));
        },
      };
      return rule;
    }
    const objects = c.objects ? new Set(c.objects) : undefined;
    const rule: K8sObjectRule = {
      ...base,
      kind: 'k8s-object',
      check(doc, objectKind, report) {
        if (objects && !objects.has(objectKind)) return;
        for (const hit of walkObjectPath(doc.value, steps)) if (flagged(hit)) report(hit.at, describe(hit));
      },
    };
    return rule;
  });
}

function dockerfileRule(base: Omit<DockerfileRule, 'kind' | 'check'>, instruction: string, flag: Flag): DockerfileRule {
  const keyword = instruction.toUpperCase();
  const re = flag.matches !== undefined ? new RegExp(flag.matches) : undefined;
  return {
    ...base,
    kind: 'dockerfile',
    check(df, report) {
      const all = df.getInstructions().filter((ins) => ins.getKeyword() === keyword);
      if (flag.missing) {
        if (all.length === 0) report(0, `${base.title}: no ${keyword} instruction`);
        return;
      }
      for (const ins of all) {
        if (flag.present || re?.test(ins.getArgumentsContent() ?? '')) report(ins.getRange().start.line, `${base.title}: ${keyword} ${show(ins.getArgumentsContent() ?? '')}`);
      }
    },
  };
}

function decide(flag: Flag, hit: PathHit): boolean {
  if (flag.missing) return !hit.found;
  if (!hit.found) return false;
  if (flag.present) return true;
  if (flag.matches !== undefined) return isScalar(hit.value) && new RegExp(flag.matches).test(String(hit.value));
  const wanted = Array.isArray(flag.equals) ? flag.equals : [flag.equals];
  // YAML reads `80` as a number and `"80"` as a string; users mean the same value.
  return isScalar(hit.value) && wanted.some((w) => w === hit.value || String(w) === String(hit.value));
}

function isScalar(v: unknown): v is string | number | boolean {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

/** Values from a scanned file go into messages: keep them short (escaping is the reporters' job). */
function show(v: unknown): string {
  const s = isScalar(v) ? String(v) : JSON.stringify(v) ?? String(v);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
