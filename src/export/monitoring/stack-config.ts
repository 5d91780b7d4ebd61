/** prometheus/prometheus.yml and alertmanager/ (config + notification templates). */
import { stringify } from 'yaml';
import { YAML_OPTIONS } from './rule-files.js';

export interface ScrapeTarget {
  readonly job: string;
  readonly scheme: 'http' | 'https';
  /** host:port */
  readonly address: string;
  readonly metricsPath: string;
  /** Discover one target per A record of this name (a Kubernetes headless Service), port from `address`. */
  readonly dnsName?: string;
}

/** The service's scrape target from the config's `target` URL: same scheme and host, /metrics. */
export function scrapeTargetFrom(job: string, target: string): ScrapeTarget {
  const u = new URL(target);
  const port = u.port || (u.protocol === 'https:' ? '443' : '80');
  return { job, scheme: u.protocol === 'https:' ? 'https' : 'http', address: `${u.hostname.includes(':') ? `[${u.hostname.replace(/^\[|\]$/g, '')}]` : u.hostname}:${port}`, metricsPath: '/metrics' };
}

export function prometheusConfig(opts: { service: ScrapeTarget; alertmanager: string; ruleFiles: readonly string[]; selfAddress: string }): string {
  const config = {
    global: { scrape_interval: '15s', evaluation_interval: '15s', external_labels: { monitor: 'gonogo' } },
    alerting: { alertmanagers: [{ static_configs: [{ targets: [opts.alertmanager] }] }] },
    rule_files: opts.ruleFiles,
    scrape_configs: [
      {
        job_name: opts.service.job,
        scheme: opts.service.scheme,
        metrics_path: opts.service.metricsPath,
        ...(opts.service.dnsName
          ? { dns_sd_configs: [{ names: [opts.service.dnsName], type: 'A', port: Number(opts.service.address.split(':').pop()) }] }
          : { static_configs: [{ targets: [opts.service.address] }] }),
      },
      { job_name: 'prometheus', static_configs: [{ targets: [opts.selfAddress] }] },
      { job_name: 'alertmanager', static_configs: [{ targets: [opts.alertmanager] }] },
    ],
  };
  return `# Written by gonogo export monitoring. Check: promtool check config prometheus.yml\n${stringify(config, YAML_OPTIONS)}`;
}

/**
 * Routes by severity: critical pages, warning opens a ticket, info is only shown in the UI. The
 * receivers post to webhooks on loopback until you point them at your pager and ticket system.
 */
export function alertmanagerConfig(opts: { templatesGlob: string }): string {
  const webhook = (path: string) => [{ url: `http://127.0.0.1:9095/${path}`, send_resolved: true }];
  const config = {
    route: {
      receiver: 'ticket',
      group_by: ['alertname', 'service', 'slo'],
      group_wait: '30s',
      group_interval: '5m',
      repeat_interval: '4h',
      routes: [
        { receiver: 'page', matchers: ['severity="critical"'], group_wait: '10s', repeat_interval: '1h' },
        { receiver: 'ticket', matchers: ['severity="warning"'], repeat_interval: '12h' },
        { receiver: 'blackhole', matchers: ['severity="info"'] },
      ],
    },
    // A page for an SLO silences its tickets: one incident, one notification.
    inhibit_rules: [{ source_matchers: ['severity="critical"'], target_matchers: ['severity="warning"'], equal: ['service', 'slo'] }],
    receivers: [
      { name: 'page', webhook_configs: webhook('page') },
      { name: 'ticket', webhook_configs: webhook('ticket') },
      { name: 'blackhole' },
    ],
    templates: [opts.templatesGlob],
  };
  return `# Written by gonogo export monitoring. Check: amtool check-config alertmanager.yml\n# Replace the webhook URLs with your pager and ticket system (or add slack_configs / email_configs\n# using the templates in templates/gonogo.tmpl).\n${stringify(config, YAML_OPTIONS)}`;
}

/** Notification text for receivers that take templates (Slack, e-mail, Teams, Telegram...). */
export const ALERTMANAGER_TEMPLATE = `{{/* Written by gonogo export monitoring. Use in a receiver:
     title: '{{ template "gonogo.title" . }}'   text: '{{ template "gonogo.text" . }}' */}}

{{ define "gonogo.title" -}}
[{{ .Status | toUpper }}{{ if eq .Status "firing" }}:{{ .Alerts.Firing | len }}{{ end }}] {{ .CommonLabels.alertname }}{{ with .CommonLabels.service }} ({{ . }}){{ end }}
{{- end }}

{{ define "gonogo.text" -}}
{{ range .Alerts -}}
{{ .Labels.severity | toUpper }}: {{ .Annotations.summary }}
{{ .Annotations.description }}
{{ with .Annotations.runbook_url }}Runbook: {{ . }}
{{ end }}{{ if .Labels.slo }}SLO: {{ .Labels.slo }} ({{ .Labels.window }})
{{ end }}Started: {{ .StartsAt.Format "2006-01-02 15:04:05 MST" }}
{{ end -}}
{{- end }}
`;
