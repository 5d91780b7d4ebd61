/** grafana/provisioning/: the Prometheus data source and a file provider for the kit's dashboards. */
import { stringify } from 'yaml';
import { YAML_OPTIONS } from '../rule-files.js';

/** Grafana expands $VAR and ${VAR} in provisioning files; `$$` is a literal `$`. */
const literal = (s: string) => s.replace(/\$/g, () => '$$');

export const DATASOURCE_UID = 'gonogo-prometheus';

export function datasourceProvisioning(prometheusUrl: string): string {
  return `# Written by gonogo export monitoring.\n${stringify({ apiVersion: 1, datasources: [{ name: 'Prometheus', uid: DATASOURCE_UID, type: 'prometheus', access: 'proxy', url: literal(prometheusUrl), isDefault: true, editable: false }] }, YAML_OPTIONS)}`;
}

export function dashboardProvisioning(dashboardsPath: string, folder: string): string {
  const provider = { name: 'gonogo', orgId: 1, folder: literal(folder), type: 'file', disableDeletion: false, allowUiUpdates: true, updateIntervalSeconds: 30, options: { path: literal(dashboardsPath), foldersFromFilesStructure: false } };
  return `# Written by gonogo export monitoring. options.path is where Grafana finds grafana/dashboards.\n${stringify({ apiVersion: 1, providers: [provider] }, YAML_OPTIONS)}`;
}
