/**
 * The monitoring kit as a list of files (pure): Prometheus config, rules and their promtool tests,
 * Alertmanager config and templates, Grafana dashboards and provisioning, runbooks and a README.
 * `gonogo export monitoring` writes it; `gonogo init --template` embeds it in a deploy kit.
 */
import type { Threshold } from '../../core/thresholds/index.js';
import { slug } from './escape.js';
import { objectivesFrom, type NotConverted, type Objective } from './objectives.js';
import { serviceAlerts } from './resource-alerts-service.js';
import { infraAlerts } from './resource-alerts-infra.js';
import { rulesFile, rulesTestFiles } from './rule-files.js';
import type { RuleGroup } from './rule-model.js';
import { possibleTiers, sloGroup } from './slo-rules.js';
import { ALERTMANAGER_TEMPLATE, alertmanagerConfig, prometheusConfig, scrapeTargetFrom, type ScrapeTarget } from './stack-config.js';
import { apiDashboard } from './grafana/api-dashboard.js';
import { businessDashboard, infraDashboard, modelDashboard } from './grafana/infra-dashboards.js';
import { dashboardProvisioning, datasourceProvisioning } from './grafana/provisioning.js';
import { readme, runbooks } from './kit-docs.js';

export interface MonitoringKitInput {
  /** The config's `service` (or a name derived from the target). */
  readonly service: string;
  /** The config's `target`: the service Prometheus scrapes (its /metrics). */
  readonly target: string;
  readonly thresholds: readonly Threshold[];
  /** Where Grafana finds the dashboards (absolute in the Grafana process's file system). */
  readonly dashboardsPath: string;
  /** Prefix of every runbook_url (default: runbooks.md, relative to the kit). */
  readonly runbookBase?: string;
  /** host:port of Alertmanager as Prometheus reaches it (default localhost:9093). */
  readonly alertmanager?: string;
  /** Prometheus URL as Grafana reaches it (default http://localhost:9090). */
  readonly prometheusUrl?: string;
  /** Scrape the service here instead of at the target's host (a compose service name, say). */
  readonly scrape?: ScrapeTarget;
  /** Extra lines for the README's notes. */
  readonly notes?: readonly string[];
}

export interface KitFile {
  /** Relative, with `/`. */
  readonly path: string;
  readonly text: string;
}

export interface MonitoringKit {
  readonly files: readonly KitFile[];
  readonly objectives: readonly Objective[];
  readonly notConverted: readonly NotConverted[];
  /** Warnings beyond notConverted: burn tiers that cannot fire for a large budget. */
  readonly notes: readonly string[];
  readonly groups: readonly RuleGroup[];
  readonly dashboards: readonly { readonly path: string; readonly json: Record<string, unknown> }[];
}

/** The Prometheus job and a default service name: the target's host name. */
export const defaultServiceName = (target: string): string => new URL(target).hostname.replace(/^\[|\]$/g, '');

export function buildMonitoringKit(input: MonitoringKitInput): MonitoringKit {
  const service = input.service;
  const job = service;
  const id = slug(service);
  const { objectives, notConverted } = objectivesFrom(input.thresholds);
  const notes: string[] = [...(input.notes ?? [])];
  for (const o of objectives) {
    if (o.kind !== 'latency' && o.kind !== 'errors') continue;
    const { impossible } = possibleTiers(o.budget);
    if (impossible.length) notes.push(`"${o.source}": a budget of ${o.budget * 100}% cannot burn ${impossible.map((t) => `${t.factor}x`).join(' or ')} faster (more than all requests); only the other tiers are written`);
  }
  const groups: RuleGroup[] = [
    ...(objectives.length ? [sloGroup(job, service, objectives)] : []),
    { name: `${service} service resources`, file: 'service', records: [], alerts: serviceAlerts(job, service) },
    { name: `${service} infrastructure`, file: 'infrastructure', records: [], alerts: infraAlerts(service) },
  ];
  const ctx = { service, runbookBase: input.runbookBase ?? 'runbooks.md' };
  const files: KitFile[] = [];
  for (const g of groups) {
    files.push({ path: `prometheus/rules/${g.file}.yml`, text: rulesFile(g, ctx) });
    for (const t of rulesTestFiles(g, ctx, `../rules/${g.file}.yml`)) files.push({ path: `prometheus/tests/${t.file}`, text: t.text });
  }
  const alertmanager = input.alertmanager ?? 'localhost:9093';
  files.unshift({
    path: 'prometheus/prometheus.yml',
    text: prometheusConfig({ service: input.scrape ?? scrapeTargetFrom(job, input.target), alertmanager, ruleFiles: ['rules/*.yml'], selfAddress: 'localhost:9090' }),
  });
  files.push({ path: 'alertmanager/alertmanager.yml', text: alertmanagerConfig({ templatesGlob: 'templates/*.tmpl' }) });
  files.push({ path: 'alertmanager/templates/gonogo.tmpl', text: ALERTMANAGER_TEMPLATE });
  const dashboards = [
    { path: 'grafana/dashboards/api-performance.json', json: apiDashboard({ uid: `${id}-api`.slice(0, 40), service, job, objectives }) },
    { path: 'grafana/dashboards/infrastructure.json', json: infraDashboard({ uid: `${id}-infra`.slice(0, 40), service, job }) },
    { path: 'grafana/dashboards/model-providers.json', json: modelDashboard({ uid: `${id}-llm`.slice(0, 40), service, job }) },
    { path: 'grafana/dashboards/business.json', json: businessDashboard({ uid: `${id}-business`.slice(0, 40), service, job }) },
  ];
  for (const d of dashboards) files.push({ path: d.path, text: `${JSON.stringify(d.json, null, 2)}\n` });
  files.push({ path: 'grafana/provisioning/datasources/prometheus.yml', text: datasourceProvisioning(input.prometheusUrl ?? 'http://localhost:9090') });
  files.push({ path: 'grafana/provisioning/dashboards/gonogo.yml', text: dashboardProvisioning(input.dashboardsPath, `gonogo: ${service}`) });
  files.push({ path: 'runbooks.md', text: runbooks(service, groups) });
  const listed = [...files.map((f) => f.path), 'README.md'];
  files.push({ path: 'README.md', text: readme({ service, job, target: input.target, objectives, notConverted, notes, groups, files: listed }) });
  return { files, objectives, notConverted, notes, groups, dashboards };
}
