import type { SecretRule } from './rule.js';

/** The rule table in docs/secrets.md, generated from the rules (test/scan/secrets/docs.test.ts keeps them equal). */
export function rulesTable(rules: readonly SecretRule[]): string {
  const rows = rules.map((r) => `| \`${r.id}\` | ${r.title} | ${r.severity} | ${r.keywords.map((k) => `\`${k.replace(/\|/g, '\\|')}\``).join(', ')} | ${r.entropy ?? '-'} |`);
  return [`${rules.length} rules.`, '', '| rule id | finds | severity | keywords (prefilter) | min. entropy |', '|---|---|---|---|---|', ...rows].join('\n');
}
