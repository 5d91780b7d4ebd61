/**
 * Infrastructure (Kubernetes, database, Redis, process), model/LLM providers and business dashboards.
 * Panels read the well-known exporter families the resource alerts use, with the alerts' limits as
 * threshold steps, so a panel turns red where an alert fires.
 */
import { SATURATION as S, family, selector } from '../families.js';
import { dashboard, under, over } from './panels.js';

const JOB = 'job="$job",instance=~"$instance"';
const K8S = 'namespace=~"$namespace",pod=~"$pod"';

export function infraDashboard(opts: { uid: string; service: string; job: string }): Record<string, unknown> {
  return dashboard({
    uid: opts.uid,
    title: `${opts.service}: infrastructure`,
    tags: ['infrastructure'],
    description: `Kubernetes, database, Redis and process resources of ${opts.service}. Empty panels mean the exporter is not scraped (kube-state-metrics, cAdvisor, postgres_exporter, redis_exporter, node_exporter).`,
    variables: [
      { name: 'job', label: 'Job', query: 'label_values(up, job)', current: opts.job },
      { name: 'instance', label: 'Instance', query: 'label_values(up{job="$job"}, instance)', multi: true },
      { name: 'namespace', label: 'Namespace', query: 'label_values(kube_pod_info, namespace)', multi: true },
      { name: 'pod', label: 'Pod', query: 'label_values(kube_pod_info{namespace=~"$namespace"}, pod)', multi: true },
    ],
    items: [
      { row: 'Service process' },
      { title: 'CPU (cores) per instance', description: `process_cpu_seconds_total; alert ProcessCpuSaturated at ${S.cpu.usedOfLimit}.`, queries: [{ expr: `rate(${family('process_cpu_seconds_total')}{${JOB}}[$__rate_interval])`, legend: '{{instance}}' }], unit: 'short', min: 0, steps: under(S.cpu.usedOfLimit!) },
      { title: 'Resident memory per instance', queries: [{ expr: `process_resident_memory_bytes{${JOB}}`, legend: '{{instance}}' }], unit: 'bytes', min: 0 },
      { title: 'Event-loop lag p99 (Node.js)', description: `nodejs_eventloop_lag_p99_seconds; alerts at ${S.event_loop.lagSeconds! * 1000} ms (warning) and 500 ms (critical).`, queries: [{ expr: `${family('nodejs_eventloop_lag_p99_seconds')}{${JOB}}`, legend: '{{instance}}' }], unit: 's', min: 0, steps: under(0.5, S.event_loop.lagSeconds!) },
      { title: 'Open file descriptors / limit', queries: [{ expr: `process_open_fds{${JOB}} / process_max_fds{${JOB}}`, legend: '{{instance}}' }], unit: 'percentunit', min: 0, steps: under(0.9) },
      { title: 'Restarts (30m)', queries: [{ expr: `changes(process_start_time_seconds{${JOB}}[30m])`, legend: '{{instance}}' }], unit: 'short', min: 0, steps: under(3) },
      { title: 'Scrape up', queries: [{ expr: `up{${JOB}}`, legend: '{{instance}}' }], unit: 'short', min: 0, max: 1, steps: over(1) },
      { row: 'Kubernetes' },
      { title: 'Container CPU / limit', queries: [{ expr: `sum by (pod, container) (rate(${selector('container_cpu_usage_seconds_total', { extra: [K8S] })}[$__rate_interval])) / sum by (pod, container) (${selector('kube_pod_container_resource_limits', { resource: 'cpu', extra: [K8S] })})`, legend: '{{pod}}/{{container}}' }], unit: 'percentunit', min: 0, steps: under(S.cpu.usedOfLimit!) },
      { title: 'Container memory / limit', queries: [{ expr: `sum by (pod, container) (${selector('container_memory_working_set_bytes', { extra: [K8S] })}) / sum by (pod, container) (${selector('kube_pod_container_resource_limits', { resource: 'memory', extra: [K8S] })})`, legend: '{{pod}}/{{container}}' }], unit: 'percentunit', min: 0, steps: under(S.memory.usedOfLimit!) },
      { title: 'Container restarts (1h)', queries: [{ expr: `increase(kube_pod_container_status_restarts_total{${K8S}}[1h])`, legend: '{{pod}}/{{container}}' }], unit: 'short', min: 0 },
      { title: 'HPA replicas: current and max', queries: [{ expr: 'kube_horizontalpodautoscaler_status_current_replicas{namespace=~"$namespace"}', legend: '{{horizontalpodautoscaler}} current' }, { expr: 'kube_horizontalpodautoscaler_spec_max_replicas{namespace=~"$namespace"}', legend: '{{horizontalpodautoscaler}} max' }], unit: 'short', min: 0 },
      { row: 'Database' },
      { title: 'Pool connections in use / max (HikariCP)', queries: [{ expr: `max by (instance, pool) (${family('hikaricp_connections_active')}) / max by (instance, pool) (${family('hikaricp_connections_max')})`, legend: '{{instance}} {{pool}}' }], unit: 'percentunit', min: 0, steps: under(S.db_pool.usedOfLimit!) },
      { title: 'Threads waiting for a connection', queries: [{ expr: 'max by (instance, pool) (hikaricp_connections_pending)', legend: '{{instance}} {{pool}}' }], unit: 'short', min: 0, steps: under(1) },
      { title: 'PostgreSQL connections / max_connections', queries: [{ expr: `sum by (instance) (${family('pg_stat_activity_count')}) / max by (instance) (${family('pg_settings_max_connections')})`, legend: '{{instance}}' }], unit: 'percentunit', min: 0, steps: under(S.db_pool.usedOfLimit!) },
      { row: 'Redis' },
      { title: 'Redis memory / maxmemory', queries: [{ expr: 'redis_memory_used_bytes / (redis_memory_max_bytes > 0)', legend: '{{instance}}' }], unit: 'percentunit', min: 0, steps: under(S.cache.usedOfLimit!) },
      { title: 'Cache hit rate', queries: [{ expr: 'sum by (instance) (rate(redis_keyspace_hits_total[$__rate_interval])) / (sum by (instance) (rate(redis_keyspace_hits_total[$__rate_interval])) + sum by (instance) (rate(redis_keyspace_misses_total[$__rate_interval])))', legend: '{{instance}}' }], unit: 'percentunit', min: 0, max: 1, steps: over(S.cache.hitRatioBelow!) },
      { title: 'Application cache hit rate (Micrometer)', queries: [{ expr: `sum by (instance, cache) (rate(${selector('cache_gets_total', { role: 'hits' })}[$__rate_interval])) / (sum by (instance, cache) (rate(${selector('cache_gets_total', { role: 'hits' })}[$__rate_interval])) + sum by (instance, cache) (rate(${selector('cache_gets_total', { role: 'misses' })}[$__rate_interval])))`, legend: '{{instance}} {{cache}}' }], unit: 'percentunit', min: 0, max: 1, steps: over(S.cache.hitRatioBelow!) },
      { row: 'Thread pools and queues' },
      { title: 'Executor threads busy / max', queries: [{ expr: `max by (instance, name) (${family('executor_active_threads')}) / max by (instance, name) (${family('executor_pool_max_threads')})`, legend: '{{instance}} {{name}}' }, { expr: `sum by (instance) (${family('tomcat_threads_busy_threads')}) / sum by (instance) (${family('tomcat_threads_config_max_threads')})`, legend: '{{instance}} tomcat' }], unit: 'percentunit', min: 0, max: 1, steps: under(S.thread_pool.usedOfLimit!) },
      { title: 'Queued tasks and ready messages', queries: [{ expr: `max by (instance, name) (${family('executor_queued_tasks')})`, legend: '{{instance}} {{name}}' }, { expr: `max by (instance, queue) (${family('rabbitmq_queue_messages_ready')})`, legend: '{{instance}} {{queue}}' }], unit: 'short', min: 0 },
      { row: 'Hosts' },
      { title: 'Host CPU busy', queries: [{ expr: `1 - avg by (instance) (rate(${selector('node_cpu_seconds_total', { role: 'limit' })}[$__rate_interval]))`, legend: '{{instance}}' }], unit: 'percentunit', min: 0, max: 1, steps: under(S.cpu.usedOfLimit!) },
      { title: 'Host memory available', queries: [{ expr: 'node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes', legend: '{{instance}}' }], unit: 'percentunit', min: 0, max: 1, steps: over(Math.round((1 - S.memory.usedOfLimit!) * 1e6) / 1e6) },
      { title: 'Disk used / size', description: 'node_filesystem_*; alert NodeDiskSpaceLow.', queries: [{ expr: `1 - ${family('node_filesystem_avail_bytes')}{fstype!~"tmpfs|overlay"} / ${family('node_filesystem_size_bytes')}{fstype!~"tmpfs|overlay"}`, legend: '{{instance}} {{mountpoint}}' }], unit: 'percentunit', min: 0, max: 1, steps: under(S.disk.usedOfLimit!) },
      { title: 'Network throughput (no link capacity exposed: no threshold)', queries: [{ expr: `sum by (instance) (rate(${selector('node_network_receive_bytes_total')}[$__rate_interval]))`, legend: '{{instance}} in' }, { expr: `sum by (instance) (rate(${selector('node_network_transmit_bytes_total')}[$__rate_interval]))`, legend: '{{instance}} out' }, { expr: `sum by (pod) (rate(${selector('container_network_receive_bytes_total', { extra: [K8S] })}[$__rate_interval]))`, legend: '{{pod}} in' }, { expr: `sum by (pod) (rate(${selector('container_network_transmit_bytes_total', { extra: [K8S] })}[$__rate_interval]))`, legend: '{{pod}} out' }], unit: 'Bps', min: 0 },
    ],
  });
}

export function modelDashboard(opts: { uid: string; service: string; job: string }): Record<string, unknown> {
  const GA = 'gen_ai_system=~"$provider",gen_ai_request_model=~"$model"';
  return dashboard({
    uid: opts.uid,
    title: `${opts.service}: model / LLM providers`,
    tags: ['llm'],
    description: `Latency and token use of the model providers ${opts.service} calls (OpenTelemetry GenAI metrics: gen_ai_client_operation_duration_seconds, gen_ai_client_token_usage), and the service's own model routes.`,
    variables: [
      { name: 'job', label: 'Job', query: 'label_values(up, job)', current: opts.job },
      { name: 'provider', label: 'Provider', query: 'label_values(gen_ai_client_operation_duration_seconds_count, gen_ai_system)', multi: true },
      { name: 'model', label: 'Model', query: 'label_values(gen_ai_client_operation_duration_seconds_count{gen_ai_system=~"$provider"}, gen_ai_request_model)', multi: true },
      { name: 'model_route', label: 'Model routes (regex)', textbox: '/api/model/.*' },
    ],
    items: [
      { row: 'Providers' },
      { title: 'Provider latency p50 / p95 by model', queries: [0.5, 0.95].map((q) => ({ expr: `histogram_quantile(${q}, sum by (le, gen_ai_system, gen_ai_request_model) (rate(gen_ai_client_operation_duration_seconds_bucket{${GA}}[$__rate_interval])))`, legend: `p${q * 100} {{gen_ai_system}} {{gen_ai_request_model}}` })), unit: 's', min: 0 },
      { title: 'Provider calls per second', queries: [{ expr: `sum by (gen_ai_system, gen_ai_request_model) (rate(gen_ai_client_operation_duration_seconds_count{${GA}}[$__rate_interval]))`, legend: '{{gen_ai_system}} {{gen_ai_request_model}}' }], unit: 'reqps', min: 0 },
      { title: 'Provider errors per second', queries: [{ expr: `sum by (gen_ai_system, error_type) (rate(gen_ai_client_operation_duration_seconds_count{${GA},error_type!=""}[$__rate_interval]))`, legend: '{{gen_ai_system}} {{error_type}}' }], unit: 'reqps', min: 0 },
      { title: 'Tokens per second (input / output)', queries: [{ expr: `sum by (gen_ai_token_type) (rate(gen_ai_client_token_usage_sum{${GA}}[$__rate_interval]))`, legend: '{{gen_ai_token_type}}' }], unit: 'short', min: 0 },
      { row: 'Model routes of the service' },
      { title: 'Model route latency p95', queries: [{ expr: 'histogram_quantile(0.95, sum by (le, route) (rate(http_request_duration_seconds_bucket{job="$job",route=~"$model_route"}[$__rate_interval])))', legend: '{{route}}' }], unit: 's', min: 0 },
      { title: 'Model route errors (5xx share)', queries: [{ expr: 'sum by (route) (rate(http_requests_total{job="$job",route=~"$model_route",status=~"5.."}[$__rate_interval])) / sum by (route) (rate(http_requests_total{job="$job",route=~"$model_route"}[$__rate_interval]))', legend: '{{route}}' }], unit: 'percentunit', min: 0 },
    ],
  });
}

export function businessDashboard(opts: { uid: string; service: string; job: string }): Record<string, unknown> {
  const J = 'job="$job"';
  return dashboard({
    uid: opts.uid,
    title: `${opts.service}: business`,
    tags: ['business'],
    description: `Requests, users and workflows of ${opts.service}, from its HTTP metrics. Set the route variables to your login and workflow routes.`,
    variables: [
      { name: 'job', label: 'Job', query: 'label_values(up, job)', current: opts.job },
      { name: 'login_route', label: 'Login route (regex)', textbox: '/api/auth/login' },
      { name: 'workflow_route', label: 'Workflow routes (regex)', textbox: '/api/tasks.*' },
    ],
    items: [
      { row: 'Requests' },
      { title: 'Requests per minute', queries: [{ expr: `sum(rate(http_requests_total{${J}}[$__rate_interval])) * 60`, legend: 'requests/min' }], unit: 'short', min: 0 },
      { title: 'Successful requests (2xx/3xx share)', queries: [{ expr: `sum(rate(http_requests_total{${J},status=~"[23].."}[$__rate_interval])) / sum(rate(http_requests_total{${J}}[$__rate_interval]))`, legend: 'success' }], unit: 'percentunit', min: 0, max: 1 },
      { row: 'Users' },
      { title: 'Logins per minute (successful / refused)', queries: [{ expr: `sum(rate(http_requests_total{${J},route=~"$login_route",status=~"2.."}[$__rate_interval])) * 60`, legend: 'successful' }, { expr: `sum(rate(http_requests_total{${J},route=~"$login_route",status=~"4.."}[$__rate_interval])) * 60`, legend: 'refused' }], unit: 'short', min: 0 },
      { title: 'Requests per minute by route (top 10)', queries: [{ expr: `topk(10, sum by (route) (rate(http_requests_total{${J}}[$__rate_interval]))) * 60`, legend: '{{route}}' }], unit: 'short', min: 0 },
      { row: 'Workflows' },
      { title: 'Workflow requests per minute by status', queries: [{ expr: `sum by (method, status) (rate(http_requests_total{${J},route=~"$workflow_route"}[$__rate_interval])) * 60`, legend: '{{method}} {{status}}' }], unit: 'short', min: 0 },
      { title: 'Workflow latency p95', queries: [{ expr: `histogram_quantile(0.95, sum by (le, route) (rate(http_request_duration_seconds_bucket{${J},route=~"$workflow_route"}[$__rate_interval])))`, legend: '{{route}}' }], unit: 's', min: 0 },
    ],
  });
}
