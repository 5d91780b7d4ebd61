import type { CustomSastRuleConfig } from '../../core/config/scan-sast-section.js';
import type { Family } from './parser.js';
import type { SastRule } from './rule.js';
import { OWASP } from './rule.js';
import { taintSinkRule } from './taint-sinks.js';

/**
 * The project's own taint rules from `scan.sast.custom` (docs/sast.md#custom-rules), built like the built-ins:
 * a sink matcher on the dotted callee name (import aliases resolved), the argument positions it checks, extra
 * sources and the rule's own sanitizers. Their taint kind is `custom`: built-in sanitizers that clear everything
 * (int(), parseInt, hashes) clear it too; kind-specific ones (html.escape) do not.
 */
export function customRules(configs: readonly CustomSastRuleConfig[] | undefined): SastRule[] {
  return (configs ?? []).map((c) => {
    const sinks = c.sinks.map((s) => new RegExp(anchor(s)));
    const families: Family[] = c.languages ? [...new Set(c.languages.map((l): Family => (l === 'python' ? 'py' : 'js')))] : ['js', 'py'];
    const rule = taintSinkRule(
      {
        id: c.id,
        title: c.title,
        severity: c.severity,
        cwe: c.cwe ?? 'CWE-20',
        owasp: OWASP.A03,
        families,
        remediation: c.remediation ?? 'Validate or sanitise the value before it reaches this call (see the rule in the project config).',
        samples: { bad: [], good: [] },
      },
      'custom',
      (call) => {
        if (!sinks.some((re) => re.test(call.name))) return undefined;
        return c.args ? c.args.map((i) => call.args[i]) : call.args;
      },
    );
    return {
      ...rule,
      ...(c.sanitizers ? { sanitizers: c.sanitizers.map((s) => new RegExp(anchor(s))) } : {}),
      ...(c.sources ? { sources: c.sources.map((s) => new RegExp(anchor(s))) } : {}),
    };
  });
}

/** Patterns match the whole dotted name unless they say otherwise. */
function anchor(s: string): string {
  return `${s.startsWith('^') ? '' : '^'}(?:${s})${s.endsWith('$') ? '' : '$'}`;
}
