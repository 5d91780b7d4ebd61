import type { ThresholdsConfig } from '../../core/config/load-section.js';
import { joinUrl } from '../../core/config/load-section.js';
import { parseDuration } from '../../core/duration.js';
import { GonogoError } from '../../core/errors.js';
import { BUILTIN_METRICS, parseThresholds, thresholdInputsFromConfig, type MetricCatalog, type Threshold, type ThresholdSource } from '../../core/thresholds/index.js';
import { planExecutor } from '../executors/plan.js';
import type { ProfileDef } from '../profiles/builtin.js';
import { scaleExecutor } from '../profiles/scale.js';
import type { ExecutorSpec, Scenario } from './api.js';
import type { ScenarioPlan } from './plan.js';
import { declaredMetrics } from './sink.js';

export interface ResolveInput extends ResolveSettings {
  scenarios: ReadonlyMap<string, Scenario>;
  /** The scenario file for messages. */
  display: string;
  /** Base URL from the CLI argument, load.url or target. */
  baseUrl: URL | undefined;
}

/** What the CLI and config decide on top of the scenario files: executors, timeouts, headers, thresholds. */
export interface ResolveSettings {
  /** --profile: replaces every scenario's executor. */
  profile?: ProfileDef;
  /** -c / -d given explicitly: constant users for that long, replacing the scenarios' executors. */
  override?: { users?: number; durationMs?: number; rate?: number };
  /** Used when a scenario names no executor and nothing overrides it. */
  fallback: { users: number; durationMs: number };
  scale: number;
  /** false: --scale shrinks durations only (the demo keeps each scenario's users). */
  scaleUsers?: boolean;
  timeoutMs: number;
  headers: Record<string, string>;
  /** Thresholds from the config and the CLI (already in source form), checked with the scenario's metrics. */
  thresholdSources: ThresholdSource[];
}

/**
 * Turn imported scenario definitions into plain plans (executor, base URL, timeout) and parse every
 * threshold against the catalog plus the scenario's custom metrics. Collects all problems first.
 */
export function resolveScenarios(input: ResolveInput): { plans: ScenarioPlan[]; thresholds: Threshold[] } {
  if (input.scenarios.size === 0) {
    throw new GonogoError('GONOGO_SCENARIO_INVALID', `${input.display} exports no scenario`, { where: input.display, hint: "export one: export default defineScenario({ ... }) (import { defineScenario } from 'gonogo')" });
  }
  const problems: string[] = [];
  const plans: ScenarioPlan[] = [];
  const names = new Set<string>();
  for (const [key, def] of input.scenarios) {
    const name = def.name ?? key;
    const at = `scenario "${name}"`;
    if (names.has(name)) problems.push(`${at}: two scenarios share this name; give each a distinct \`name\``);
    names.add(name);
    let spec: ExecutorSpec | undefined = def.executor;
    if (input.profile) spec = input.profile.executor;
    else if (input.override?.rate !== undefined) {
      const o = input.override;
      spec = { type: 'constant-arrival-rate', rate: o.rate!, duration: `${o.durationMs ?? input.fallback.durationMs}ms`, ...(o.users !== undefined ? { maxUsers: o.users, preAllocatedUsers: Math.min(o.users, Math.max(1, Math.ceil(o.rate!))) } : {}) };
    } else if (input.override?.users !== undefined || input.override?.durationMs !== undefined || spec === undefined) {
      spec = { type: 'constant-users', users: input.override?.users ?? input.fallback.users, duration: `${input.override?.durationMs ?? input.fallback.durationMs}ms` };
    }
    // A profile is already scaled; a scenario's own executor is scaled here.
    if (!input.profile && input.scale !== 1) spec = scaleExecutor(spec, input.scale, { users: input.scaleUsers });
    const { plan: executor, problems: ep } = planExecutor(spec, `${at}.executor`);
    problems.push(...ep);
    let startTimeMs = 0;
    let timeoutMs = input.timeoutMs;
    try {
      if (def.startTime !== undefined) startTimeMs = parseDuration(def.startTime, `${at}.startTime`) * (input.profile ? 1 : input.scale);
      if (def.timeout !== undefined) timeoutMs = parseDuration(def.timeout, `${at}.timeout`);
    } catch (err) {
      problems.push(`${at}: ${(err as Error).message}`);
    }
    let baseUrl: string | undefined;
    if (def.baseUrl !== undefined) {
      if (/^https?:\/\//i.test(def.baseUrl)) baseUrl = def.baseUrl;
      else if (input.baseUrl) baseUrl = joinUrl(input.baseUrl.href, def.baseUrl);
      else problems.push(`${at}.baseUrl: "${def.baseUrl}" is a path, so a target URL is needed (gonogo load --scenario FILE URL, or \`target\` in the config)`);
    } else if (input.baseUrl) baseUrl = input.baseUrl.href;
    else problems.push(`${at}: no base URL; pass one (gonogo load --scenario ${input.display} http://127.0.0.1:8080) or set \`target\` in the config`);
    if (baseUrl !== undefined && !/^https?:\/\//i.test(baseUrl)) problems.push(`${at}.baseUrl: only http:// and https:// are supported`);
    const maxRedirects = def.maxRedirects;
    if (maxRedirects !== undefined && !(Number.isInteger(maxRedirects) && maxRedirects >= 0)) problems.push(`${at}.maxRedirects: ${JSON.stringify(maxRedirects)} is not a whole number >= 0`);
    if (executor && baseUrl) plans.push({ key, name, executor, startTimeMs, baseUrl, headers: { ...input.headers, ...(def.headers ?? {}) }, timeoutMs, ...(maxRedirects ? { maxRedirects } : {}), data: undefined });
  }
  if (problems.length) {
    throw new GonogoError('GONOGO_SCENARIO_INVALID', `${problems.length} problem${problems.length === 1 ? '' : 's'} in ${input.display}`, { where: input.display, details: problems, hint: 'see docs/scenarios.md' });
  }
  const catalog: Record<string, MetricCatalog[string]> = {};
  for (const m of declaredMetrics()) catalog[m.name] = { kind: m.kind, time: m.time, description: m.description ?? 'custom metric' };
  // Scenario and profile thresholds: scoped to their scenario when a run has several.
  const scoped: { source: ThresholdSource; scenario?: string }[] = input.thresholdSources.map((source) => ({ source }));
  const add = (cfg: ThresholdsConfig | undefined, where: string, scenario?: string) => {
    if (cfg !== undefined) for (const source of thresholdInputsFromConfig(cfg, where)) scoped.push({ source, scenario });
  };
  add(input.profile?.thresholds, `profile ${input.profile?.name}`);
  for (const [key, def] of input.scenarios) add(def.thresholds, `${input.display}: scenario "${def.name ?? key}".thresholds`, plans.length > 1 ? (def.name ?? key) : undefined);
  const parsed = parseThresholds(scoped.map((s) => s.source), catalog);
  const thresholds = parsed.map((t, i) => {
    const sc = scoped[i]!.scenario;
    // Custom metrics carry only the tags the script gives them, so only built-in metrics are scoped.
    if (sc === undefined || Object.keys(t.tags).length > 0 || !(t.metric in BUILTIN_METRICS)) return t;
    return { ...t, tags: { scenario: sc }, selector: `${t.metric}{scenario:${sc}}` };
  });
  return { plans, thresholds };
}
