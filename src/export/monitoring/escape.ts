/**
 * Escaping for the languages the monitoring kit writes text from the config into. YAML and JSON are
 * written by the `yaml` library and JSON.stringify; what is left is PromQL string literals, Go
 * templates (Prometheus expands alert labels and annotations, Alertmanager its messages) and names.
 */

/** A PromQL double-quoted string: JSON's escapes are a subset of Go's, which PromQL strings use. */
export function promString(value: string): string {
  // A lone surrogate would become `\udXXX`, which Go's unquoting refuses: such a name is not valid PromQL.
  return JSON.stringify(value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'));
}

/**
 * A PromQL string for a Grafana dashboard query. Grafana expands `$name`, `${name}` and `[[name]]` in
 * queries before the data source sees them (built-ins such as `$__user` or `$__interval` too), and has
 * no escape for them. PromQL strings take Go's escapes, so `$` is written `\u0024` and `[` `\u005b`:
 * Prometheus reads the same route, Grafana finds no variable.
 */
export function grafanaPromString(value: string): string {
  return promString(value).replace(/\$/g, '\\u0024').replace(/\[/g, '\\u005b');
}

/**
 * Text from the config in a Grafana dashboard (panel and row titles, descriptions): Grafana expands
 * variables there too. A WORD JOINER (U+2060, invisible, no line break) after every `$` and between
 * `[[` breaks the pattern and shows the text as written.
 */
export function grafanaText(text: string): string {
  return text.replace(/\$/g, '$\u2060').replace(/\[\[/g, '[\u2060[');
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
