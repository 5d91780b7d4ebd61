/**
 * Escaping for the languages the monitoring kit writes text from the config into. YAML and JSON are
 * written by the `yaml` library and JSON.stringify; what is left is PromQL string literals, Go
 * templates (Prometheus expands alert labels and annotations, Alertmanager its messages) and names.
 */

/** A PromQL double-quoted string: JSON's escapes are a subset of Go's, which PromQL strings use. */
export function promString(value: string): string {
  return JSON.stringify(value);
}

/** A PromQL regex literal matching `value` exactly (RE2 metacharacters escaped). */
export function promRegexLiteral(value: string): string {
  return value.replace(/[\\.+*?()|[\]{}^$]/g, (c) => `\\${c}`);
}

/**
 * Literal text inside a Go template: `{{` and `}}` become actions that print them, so a service
 * called `{{ .Foo }}` is shown as written instead of being executed when the alert fires.
 */
export function goTemplateLiteral(text: string): string {
  return text.replace(/\{\{|\}\}/g, (m) => `{{ ${JSON.stringify(m)} }}`);
}

/** Lower-case letters, digits and `-`: file names, Grafana uids, Kubernetes names. */
export function slug(text: string, fallback = 'service'): string {
  const s = text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return s === '' ? fallback : s;
}

/** A name for recording rules and label values that must match [a-zA-Z_][a-zA-Z0-9_]*. */
export function metricSafe(text: string): string {
  return slug(text, 'x').replace(/-/g, '_');
}
