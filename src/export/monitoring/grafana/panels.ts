/**
 * A small builder for Grafana dashboard JSON (schemaVersion 39): time-series panels laid out two per
 * row, rows, and the variables every kit dashboard shares. Everything is plain data for JSON.stringify.
 * Titles and descriptions may hold names from the config: they go through grafanaText, so Grafana
 * never expands a `$` in them as a variable (no kit title uses one on purpose).
 */
import { grafanaText } from '../escape.js';

export interface Query {
  readonly expr: string;
  readonly legend?: string;
}

export interface Step {
  readonly value: number | null;
  readonly color: string;
}

export interface PanelSpec {
  readonly title: string;
  readonly description?: string;
  readonly queries: readonly Query[];
  /** Grafana unit id: s, percentunit, reqps, bytes, short... */
  readonly unit?: string;
  /** Threshold steps; the first has value null (the base colour). Drawn as a line. */
  readonly steps?: readonly Step[];
  readonly min?: number;
  readonly max?: number;
}

export type Item = { readonly row: string } | PanelSpec;

const DS = { type: 'prometheus', uid: '${datasource}' };

/** Green below the limit, red from it: a threshold a series must stay under. */
export const under = (limit: number, warnAt?: number): Step[] => [
  { value: null, color: 'green' },
  ...(warnAt !== undefined ? [{ value: warnAt, color: 'orange' }] : []),
  { value: limit, color: 'red' },
];
/** Red below the limit, green from it: a floor. */
export const over = (limit: number): Step[] => [
  { value: null, color: 'red' },
  { value: limit, color: 'green' },
];

function panel(spec: PanelSpec, id: number, x: number, y: number): Record<string, unknown> {
  return {
    id,
    type: 'timeseries',
    title: grafanaText(spec.title),
    ...(spec.description ? { description: grafanaText(spec.description) } : {}),
    datasource: DS,
    gridPos: { h: 8, w: 12, x, y },
    targets: spec.queries.map((q, i) => ({ refId: String.fromCharCode(65 + i), datasource: DS, expr: q.expr, legendFormat: q.legend ?? '__auto', range: true })),
    fieldConfig: {
      defaults: {
        unit: spec.unit ?? 'short',
        ...(spec.min !== undefined ? { min: spec.min } : {}),
        ...(spec.max !== undefined ? { max: spec.max } : {}),
        color: { mode: 'palette-classic' },
        custom: { drawStyle: 'line', lineWidth: 1, fillOpacity: 10, showPoints: 'never', spanNulls: false, thresholdsStyle: { mode: spec.steps ? 'line+area' : 'off' } },
        thresholds: { mode: 'absolute', steps: spec.steps ?? [{ value: null, color: 'green' }] },
      },
      overrides: [],
    },
    options: { legend: { calcs: [], displayMode: 'list', placement: 'bottom', showLegend: true }, tooltip: { mode: 'multi', sort: 'desc' } },
  };
}

/** Panels two per row, a full-width row header before each group. */
export function layout(items: readonly Item[]): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  let y = 0;
  let col = 0;
  let id = 1;
  for (const item of items) {
    if ('row' in item) {
      if (col !== 0) y += 8;
      col = 0;
      out.push({ id: id++, type: 'row', title: grafanaText(item.row), collapsed: false, gridPos: { h: 1, w: 24, x: 0, y }, panels: [] });
      y += 1;
      continue;
    }
    out.push(panel(item, id++, col * 12, y));
    if (col === 1) y += 8;
    col = 1 - col;
  }
  return out;
}

export interface Variable {
  readonly name: string;
  readonly label: string;
  /** A PromQL label_values(...) query; or a textbox default when `textbox` is set. */
  readonly query?: string;
  readonly textbox?: string;
  readonly current?: string;
  readonly multi?: boolean;
}

export function variables(list: readonly Variable[]): { list: Record<string, unknown>[] } {
  // No `current` until Grafana picks one: the schema's VariableOption needs text and value.
  const ds = { name: 'datasource', label: 'Data source', type: 'datasource', query: 'prometheus', hide: 0, refresh: 1, options: [] };
  return {
    list: [
      ds,
      ...list.map((v) =>
        v.textbox !== undefined
          ? { name: v.name, label: v.label, type: 'textbox', query: v.textbox, current: { text: v.textbox, value: v.textbox }, hide: 0, options: [] }
          : {
              name: v.name,
              label: v.label,
              type: 'query',
              datasource: DS,
              query: { query: v.query, refId: 'PrometheusVariableQueryEditor-VariableQuery' },
              refresh: 2,
              sort: 1,
              hide: 0,
              multi: v.multi ?? false,
              includeAll: v.multi ?? false,
              ...(v.multi ? { allValue: '.*' } : {}),
              ...(v.current !== undefined ? { current: { text: v.current, value: v.current } } : v.multi ? { current: { text: 'All', value: '$__all' } } : {}),
              options: [],
            },
      ),
    ],
  };
}

export function dashboard(opts: { uid: string; title: string; tags: readonly string[]; description: string; variables: readonly Variable[]; items: readonly Item[] }): Record<string, unknown> {
  return {
    uid: opts.uid,
    title: grafanaText(opts.title),
    description: grafanaText(opts.description),
    tags: ['gonogo', ...opts.tags],
    editable: true,
    schemaVersion: 39,
    version: 1,
    refresh: '30s',
    time: { from: 'now-6h', to: 'now' },
    timezone: 'browser',
    graphTooltip: 1,
    templating: variables(opts.variables),
    annotations: { list: [] },
    links: [{ title: 'gonogo dashboards', type: 'dashboards', tags: ['gonogo'], asDropdown: true, includeVars: true, keepTime: true, icon: 'external link', targetBlank: false, tooltip: '' }],
    panels: layout(opts.items),
  };
}

/** Every PromQL expression of a dashboard: for checks that parse them. */
export function dashboardExpressions(d: Record<string, unknown>): string[] {
  const panels = (d.panels as { targets?: { expr: string }[] }[]) ?? [];
  const vars = ((d.templating as { list: { type: string; query?: { query?: string } }[] }).list ?? []).filter((v) => v.type === 'query' && v.query?.query);
  return [...panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr)), ...vars.map((v) => v.query!.query!)];
}
