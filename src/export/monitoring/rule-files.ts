/**
 * Rule groups -> prometheus/rules/<file>.yml and prometheus/tests/<file>.test.yml. Every alert gets
 * severity, service, summary, description and runbook_url; every alert gets a promtool test that
 * makes it fire (with its exact labels and annotations) and one where it stays quiet.
 */
import { stringify } from 'yaml';
import { goTemplateLiteral } from './escape.js';
import { renderedText, runbookAnchor, templateText, type AlertDef, type RuleGroup } from './rule-model.js';

export const YAML_OPTIONS = { lineWidth: 0, minContentWidth: 0 } as const;

export interface RuleContext {
  readonly service: string;
  /** Prefix of runbook_url; the alert's anchor in runbooks.md is appended. */
  readonly runbookBase: string;
}

const ruleLabels = (a: AlertDef, ctx: RuleContext) => ({ severity: a.severity, service: ctx.service, ...a.labels });
const runbookUrl = (a: AlertDef, ctx: RuleContext) => `${ctx.runbookBase}#${runbookAnchor(a.alert)}`;

export function rulesFile(group: RuleGroup, ctx: RuleContext): string {
  const rules = [
    ...group.records.map((r) => ({ record: r.record, expr: r.expr, ...(r.labels ? { labels: escapeValues(r.labels) } : {}) })),
    ...group.alerts.map((a) => ({
      alert: a.alert,
      expr: a.expr,
      ...(a.for ? { for: a.for } : {}),
      labels: escapeValues(ruleLabels(a, ctx)),
      annotations: {
        summary: templateText(a.summary),
        description: templateText(a.description),
        runbook_url: goTemplateLiteral(runbookUrl(a, ctx)),
      },
    })),
  ];
  return `# Written by gonogo export monitoring; regenerate rather than edit.\n${stringify({ groups: [{ name: group.name, rules }] }, YAML_OPTIONS)}`;
}

/** Prometheus expands templates in rule labels too. */
function escapeValues(labels: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, goTemplateLiteral(v)]));
}

/** promtool test files for a group, one per evaluation interval; `rulesPath` is relative to the test files. */
export function rulesTestFiles(group: RuleGroup, ctx: RuleContext, rulesPath: string): { file: string; text: string }[] {
  // Alerts whose test data are the same (an objective's burn tiers) share one fire and one quiet test.
  const byInterval = new Map<string, Map<string, AlertDef[]>>();
  for (const a of group.alerts) {
    const interval = a.test.interval ?? '1m';
    const byInput = byInterval.get(interval) ?? new Map<string, AlertDef[]>();
    byInterval.set(interval, byInput);
    const key = JSON.stringify([a.test.fire, a.test.quiet, a.test.evalTime]);
    byInput.set(key, [...(byInput.get(key) ?? []), a]);
  }
  return [...byInterval].map(([interval, byInput]) => {
    const file = interval === '1m' ? `${group.file}.test.yml` : `${group.file}-every-${interval}.test.yml`;
    const tests = [...byInput.values()].flatMap((alerts) => testPair(alerts, ctx, interval));
    const head = `# Written by gonogo export monitoring. Run: promtool test rules ${file}\n`;
    return { file, text: head + stringify({ rule_files: [rulesPath], evaluation_interval: interval, tests }, YAML_OPTIONS) };
  });
}

function testPair(alerts: readonly AlertDef[], ctx: RuleContext, interval: string): unknown[] {
  const { fire, quiet, evalTime } = alerts[0]!.test;
  const names = alerts.map((a) => a.alert).join(', ');
  return [
    {
      name: `fires: ${names}`,
      interval,
      input_series: fire.map((s) => ({ series: s.series, values: s.values })),
      alert_rule_test: alerts.map((a) => {
        const labels = { ...ruleLabels(a, ctx), ...a.test.firingLabels };
        const annotations = { summary: renderedText(a.summary, labels), description: renderedText(a.description, labels), runbook_url: runbookUrl(a, ctx) };
        return { eval_time: evalTime, alertname: a.alert, exp_alerts: [{ exp_labels: labels, exp_annotations: annotations }] };
      }),
    },
    {
      name: `stays quiet: ${names}`,
      interval,
      input_series: quiet.map((s) => ({ series: s.series, values: s.values })),
      alert_rule_test: alerts.map((a) => ({ eval_time: evalTime, alertname: a.alert, exp_alerts: [] })),
    },
  ];
}
