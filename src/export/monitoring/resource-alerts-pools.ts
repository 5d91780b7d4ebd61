/**
 * Alerts on thread pools, work queues and application caches: the families of core's list that the
 * load engine reads for these resources (Micrometer executors and caches, Tomcat, RabbitMQ), judged
 * against the same saturation points as the bottleneck analysis of a run.
 */
import { SATURATION as S, family, num, pct, selector } from './families.js';
import type { AlertDef, InputSeries } from './rule-model.js';

const pair = (a: string, av: string, b: string, bv: string): InputSeries[] => [{ series: a, values: av }, { series: b, values: bv }];
const APP = 'instance="app-1:8080"';

/** A queue at least `factor` times deeper and `minItems` longer than 30 minutes ago (the run's queue rule over a window). */
function growing(depth: string): string {
  const g = S.queue.queueGrowth!;
  return `${depth} - ${depth.replace(/\)$/, ' offset 30m)')} >= ${g.minItems} and ${depth} >= ${g.factor} * clamp_min(${depth.replace(/\)$/, ' offset 30m)')}, 1)`;
}

export function poolAlerts(): AlertDef[] {
  const busy = pct(S.thread_pool.usedOfLimit!);
  const g = S.queue.queueGrowth!;
  return [
    {
      alert: 'ThreadPoolSaturated',
      expr: `max by (instance, name) (${family('executor_active_threads')}) / max by (instance, name) (${family('executor_pool_max_threads')}) > ${num(S.thread_pool.usedOfLimit!)}`,
      for: '5m',
      severity: 'warning',
      labels: { family: 'thread_pool' },
      summary: ['Thread pool ', { label: 'name' }, ' on ', { label: 'instance' }, ` is over ${busy} busy`],
      description: [`More than ${busy} of the threads of executor `, { label: 'name' }, ' have been busy for 5 minutes; new tasks queue behind them.'],
      runbook: { meaning: 'The executor is the bottleneck, or its tasks block (I/O on a CPU pool).', actions: ['Look at executor_queued_tasks: is work piling up?', 'Raise the pool size if CPU and downstream connections have room; move blocking calls to their own pool.'] },
      test: { fire: pair(`executor_active_threads{${APP},name="io"}`, '19x20', `executor_pool_max_threads{${APP},name="io"}`, '20x20'), quiet: pair(`executor_active_threads{${APP},name="io"}`, '4x20', `executor_pool_max_threads{${APP},name="io"}`, '20x20'), firingLabels: { instance: 'app-1:8080', name: 'io' }, evalTime: '10m' },
    },
    {
      alert: 'TomcatThreadsSaturated',
      expr: `sum by (instance) (${family('tomcat_threads_busy_threads')}) / sum by (instance) (${family('tomcat_threads_config_max_threads')}) > ${num(S.thread_pool.usedOfLimit!)}`,
      for: '5m',
      severity: 'warning',
      labels: { family: 'thread_pool' },
      summary: ['Tomcat on ', { label: 'instance' }, ` has over ${busy} of its request threads busy`],
      description: [`More than ${busy} of the request threads of `, { label: 'instance' }, ' have been busy for 5 minutes; connections wait in the accept queue.'],
      runbook: { meaning: 'Requests hold threads too long, or traffic outgrew server.tomcat.threads.max.', actions: ['Find slow downstream calls (database, HTTP clients) that hold request threads.', 'Raise server.tomcat.threads.max or add replicas.'] },
      test: { fire: pair(`tomcat_threads_busy_threads{${APP}}`, '195x20', `tomcat_threads_config_max_threads{${APP}}`, '200x20'), quiet: pair(`tomcat_threads_busy_threads{${APP}}`, '20x20', `tomcat_threads_config_max_threads{${APP}}`, '200x20'), firingLabels: { instance: 'app-1:8080' }, evalTime: '10m' },
    },
    {
      alert: 'ExecutorQueueGrowing',
      expr: growing(`max by (instance, name) (${family('executor_queued_tasks')})`),
      for: '15m',
      severity: 'warning',
      labels: { family: 'queue' },
      summary: ['Tasks pile up in executor ', { label: 'name' }, ' on ', { label: 'instance' }],
      description: ['The task queue of executor ', { label: 'name' }, ` is at least ${g.factor} times deeper (and ${g.minItems} tasks longer) than 30 minutes ago, for 15 minutes: the threads do not keep up.`],
      runbook: { meaning: 'Work arrives faster than the pool completes it; latency grows with the queue.', actions: ['See ThreadPoolSaturated; bound the queue so callers get back-pressure instead of timeouts.'] },
      test: { fire: [{ series: `executor_queued_tasks{${APP},name="io"}`, values: '0+2x60' }], quiet: [{ series: `executor_queued_tasks{${APP},name="io"}`, values: '50x60' }], firingLabels: { instance: 'app-1:8080', name: 'io' }, evalTime: '50m' },
    },
    {
      alert: 'QueueBacklogGrowing',
      expr: growing(`max by (instance, queue) (${family('rabbitmq_queue_messages_ready')})`),
      for: '15m',
      severity: 'warning',
      labels: { family: 'queue' },
      summary: ['Messages pile up in queue ', { label: 'queue' }, ' on ', { label: 'instance' }],
      description: ['Queue ', { label: 'queue' }, ` holds at least ${g.factor} times as many ready messages (and ${g.minItems} more) as 30 minutes ago, for 15 minutes: consumers fall behind.`],
      runbook: { meaning: 'Consumers drain slower than producers publish.', actions: ['Add consumers or raise their prefetch; check for a failing consumer that requeues.', 'Look at the publish rate: did a producer start sending more?'] },
      test: { fire: [{ series: 'rabbitmq_queue_messages_ready{instance="mq:15692",queue="orders"}', values: '0+2x60' }], quiet: [{ series: 'rabbitmq_queue_messages_ready{instance="mq:15692",queue="orders"}', values: '50x60' }], firingLabels: { instance: 'mq:15692', queue: 'orders' }, evalTime: '50m' },
    },
    {
      alert: 'AppCacheHitRateLow',
      expr: `sum by (instance, cache) (rate(${selector('cache_gets_total', { role: 'hits' })}[10m])) / (sum by (instance, cache) (rate(${selector('cache_gets_total', { role: 'hits' })}[10m])) + sum by (instance, cache) (rate(${selector('cache_gets_total', { role: 'misses' })}[10m]))) < ${num(S.cache.hitRatioBelow!)}`,
      for: '15m',
      severity: 'warning',
      labels: { family: 'cache' },
      summary: ['Hit rate of cache ', { label: 'cache' }, ' on ', { label: 'instance' }, ` below ${pct(S.cache.hitRatioBelow!)}`],
      description: [`Fewer than ${pct(S.cache.hitRatioBelow!)} of lookups in cache `, { label: 'cache' }, ' have hit for 15 minutes; what it fronts takes the rest.'],
      runbook: { meaning: 'The cache is too small for the working set, entries expire too soon, or keys changed.', actions: ['Check the cache size and evictions (cache_evictions_total); review TTLs of recent changes.'] },
      test: { fire: pair(`cache_gets_total{${APP},cache="items",result="hit"}`, '0+50x60', `cache_gets_total{${APP},cache="items",result="miss"}`, '0+50x60'), quiet: pair(`cache_gets_total{${APP},cache="items",result="hit"}`, '0+99x60', `cache_gets_total{${APP},cache="items",result="miss"}`, '0+1x60'), firingLabels: { instance: 'app-1:8080', cache: 'items' }, evalTime: '40m' },
    },
  ];
}
