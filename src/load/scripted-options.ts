import path from 'node:path';
import type { GonogoConfig } from '../core/config/schema.js';
import { UsageError } from '../core/errors.js';
import { parseScale } from '../core/scale.js';
import { resolveProfile } from './profiles/resolve.js';
import { resolveSplitRun } from './segment/run-identity.js';
import type { ScriptedRunOptions } from './scenario/run-file.js';
import { resolveServerMetrics } from './server/options.js';
import { LOAD_DEFAULTS, positiveDuration, positiveInt, positiveNumber, resolveHeaders, resolveOptionalUrl, resolveProtocol, resolveWorkers, thresholdSources, type LoadFlags } from './options.js';

export interface ScriptedFlags extends LoadFlags {
  scenario?: string[];
  profile?: string;
  scale?: string;
  /** Not a flag: the demo sets false so --scale shortens the run but keeps its users. */
  scaleUsers?: boolean;
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/** Scenario files from --scenario, else load.scenario (relative to the config file), as absolute paths. */
export function scenarioFiles(flags: ScriptedFlags, config: GonogoConfig | undefined, configFile: string | undefined, cwd: string): string[] {
  if (flags.scenario?.length) return flags.scenario.map((f) => path.resolve(cwd, f));
  const c = config?.load?.scenario;
  if (c === undefined) return [];
  const base = configFile ? path.dirname(configFile) : cwd;
  return (typeof c === 'string' ? [c] : [...c]).map((f) => path.resolve(base, f));
}

/** True when `gonogo load` should run scripted (a scenario file or a profile), not the quick fixed-request mode. */
export function isScripted(flags: ScriptedFlags, config: GonogoConfig | undefined): boolean {
  return Boolean(flags.scenario?.length || flags.profile || config?.load?.scenario || config?.load?.profile);
}

/**
 * Flags over config over defaults for one scripted run (file undefined: the built-in one-request
 * scenario). -c / -d / -R given on the command line replace the scenario's executor; a profile
 * replaces it too; --scale shrinks whichever applies.
 */
export function resolveScriptedOptions(files: string[], urlArg: string | undefined, flags: ScriptedFlags, config: GonogoConfig | undefined, configFile: string | undefined, cwd: string, profileOverride?: string): ScriptedRunOptions {
  const cl = config?.load;
  const scale = parseScale(flags.scale);
  const profileName = profileOverride ?? flags.profile ?? cl?.profile;
  const profile = profileName === undefined ? undefined : resolveProfile(profileName, config?.profiles, scale, flags.profile ? '--profile' : 'load.profile', { users: flags.scaleUsers });
  const baseUrl = resolveOptionalUrl(urlArg, config);
  const file = files[0];
  if (!file && !baseUrl) throw new UsageError('no target URL', { where: 'gonogo load <url>', hint: 'pass a URL, set `target` in the config, or give --scenario FILE whose scenarios set baseUrl' });
  const method = (flags.method ?? cl?.method ?? LOAD_DEFAULTS.method).toUpperCase();
  if (!METHODS.includes(method)) throw new UsageError(`unknown HTTP method "${method}"`, { where: '--method', hint: `use one of ${METHODS.join(', ')}` });
  const override = {
    users: flags.connections !== undefined ? positiveInt(flags.connections, '--connections') : undefined,
    durationMs: flags.duration !== undefined ? positiveDuration(flags.duration, '--duration') : undefined,
    rate: flags.rate !== undefined ? positiveNumber(flags.rate, '--rate') : undefined,
  };
  return {
    files,
    cwd,
    baseUrl,
    request: file ? undefined : { method, path: baseUrl ? baseUrl.pathname + baseUrl.search : '/', body: flags.body ?? cl?.body },
    profile,
    override: profile ? undefined : override,
    fallback: { users: cl?.connections ?? 10, durationMs: cl?.durationMs ?? LOAD_DEFAULTS.durationMs },
    scale,
    scaleUsers: flags.scaleUsers,
    timeoutMs: flags.timeout !== undefined ? positiveDuration(flags.timeout, '--timeout') : (cl?.timeoutMs ?? LOAD_DEFAULTS.timeoutMs),
    headers: resolveHeaders(flags, config),
    thresholdSources: thresholdSources(flags, config, configFile, cwd),
    workers: resolveWorkers(flags, config),
    insecure: flags.insecure ?? cl?.insecure ?? false,
    protocol: resolveProtocol(flags, config),
    streams: flags.streams !== undefined ? positiveInt(flags.streams, '--streams') : (cl?.streams ?? 1),
    split: resolveSplitRun(flags),
    metrics: resolveServerMetrics(flags, config),
  };
}
