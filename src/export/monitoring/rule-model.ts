/**
 * Rules as data, before they become YAML: each alert carries its own promtool test data (input
 * series that make it fire and that keep it quiet), so the exported tests cannot miss an alert.
 */
import { goTemplateLiteral } from './escape.js';

export type Severity = 'critical' | 'warning' | 'info';

/** Annotation text: literal pieces (escaped for Go templates) and label values filled in when the alert fires. */
export type TextPart = string | { readonly label: string };

export interface InputSeries {
  readonly series: string;
  readonly values: string;
}

export interface AlertTest {
  /** Series under which the alert fires at evalTime, and the labels its expression yields. */
  readonly fire: readonly InputSeries[];
  readonly firingLabels: Readonly<Record<string, string>>;
  /** Series of a healthy service: the alert stays quiet at evalTime. */
  readonly quiet: readonly InputSeries[];
  readonly evalTime: string;
  /** Sample spacing of the input series and the rule evaluation interval (default 1m). */
  readonly interval?: string;
}

export interface AlertDef {
  readonly alert: string;
  readonly expr: string;
  readonly for?: string;
  readonly severity: Severity;
  /** Labels beyond severity and service (raw; escaped when written). */
  readonly labels?: Readonly<Record<string, string>>;
  readonly summary: readonly TextPart[];
  readonly description: readonly TextPart[];
  /** For runbooks.md: what to look at and what to do. */
  readonly runbook: { readonly meaning: string; readonly actions: readonly string[] };
  readonly test: AlertTest;
}

export interface RecordDef {
  readonly record: string;
  readonly expr: string;
  readonly labels?: Readonly<Record<string, string>>;
}

export interface RuleGroup {
  readonly name: string;
  /** File under prometheus/rules/ (and its test under prometheus/tests/). */
  readonly file: string;
  readonly records: readonly RecordDef[];
  readonly alerts: readonly AlertDef[];
}

/** The template Prometheus expands. */
export function templateText(parts: readonly TextPart[]): string {
  return parts.map((p) => (typeof p === 'string' ? goTemplateLiteral(p) : `{{ $labels.${p.label} }}`)).join('');
}

/** What Prometheus shows once it has expanded templateText with these labels. */
export function renderedText(parts: readonly TextPart[], labels: Readonly<Record<string, string>>): string {
  return parts.map((p) => (typeof p === 'string' ? p : (labels[p.label] ?? '<no value>'))).join('');
}

/** The anchor runbooks.md gives an alert's section (its heading is the alert name). */
export const runbookAnchor = (alert: string): string => alert.toLowerCase();
