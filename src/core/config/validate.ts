import { ConfigError } from '../errors.js';
import { formatProblem, issuesToProblems, zodMessages } from './issues.js';
import { Problems, describeValue, type ConfigPath } from './problems.js';
import { configSchema, SECTIONS, type GonogoConfig } from './schema.js';
import type { z } from 'zod';
import type { ConfigSection, TopLevel } from './section.js';

export type Positions = (path: ConfigPath) => string | undefined;

/**
 * Schema -> normalise -> cross-field rules, collecting every problem on the way, then one
 * ConfigError listing them all. Pure: `file` is only used in messages, `positions` maps a path to "file:line:col".
 */
export function validateConfig(raw: unknown, file?: string, positions?: Positions): GonogoConfig {
  const input = raw ?? {}; // an empty YAML file is an empty config
  const problems = new Problems();
  if (typeof input !== 'object' || Array.isArray(input)) {
    problems.add([], `expected a mapping of settings (${Object.keys(configSchema.shape).join(', ')}), got ${describeValue(input)}`);
    throw invalid(problems, file, positions);
  }
  const parsed = configSchema.safeParse(input, { error: zodMessages });
  if (!parsed.success) problems.list.push(...issuesToProblems(parsed.error.issues, input, configSchema));

  const fields = input as Record<string, unknown>;
  const top: TopLevel = parsed.success ? { target: parsed.data.target } : { target: problems.failed(['target']) ? undefined : (fields.target as string | undefined) };
  const out: Record<string, unknown> = {};
  if (top.target !== undefined) out.target = top.target;
  if (parsed.success && parsed.data.service !== undefined) out.service = parsed.data.service;
  if (parsed.success && parsed.data.dashboard !== undefined) out.dashboard = parsed.data.dashboard;
  if (parsed.success && parsed.data.remoteWrite !== undefined) out.remoteWrite = parsed.data.remoteWrite;

  // Each section is normalised on its own, so a typo in one does not hide problems in another; cross-field
  // rules run on sections that came through clean, where they compare values that are known to be valid.
  const clean: (() => void)[] = [];
  for (const [key, section] of Object.entries(SECTIONS) as [string, ConfigSection<z.ZodType, unknown>][]) {
    if (fields[key] === undefined) continue;
    const own = section.schema.safeParse(fields[key], { error: zodMessages });
    if (!own.success) continue;
    const ctx = { top, at: [key], problems };
    const before = problems.list.length;
    const value = (out[key] = section.normalise(own.data, ctx));
    if (problems.list.length === before) clean.push(() => section.rules?.(value, ctx));
  }
  for (const runRules of clean) runRules();

  if (problems.list.length > 0) throw invalid(problems, file, positions);
  return deepFreeze(out) as GonogoConfig;
}

function invalid(problems: Problems, file: string | undefined, positions: Positions | undefined): ConfigError {
  const lines = problems.list.map((p) => ({ pos: positions?.(p.path), p }));
  // Report in file order when positions are known: people fix a config top to bottom.
  lines.sort((a, b) => compare(lineCol(a.pos), lineCol(b.pos)));
  const n = problems.list.length;
  const where = file ?? 'config';
  return new ConfigError('GONOGO_CONFIG_INVALID', `${n} problem${n === 1 ? '' : 's'} in ${where}`, {
    where,
    details: lines.map(({ pos, p }) => formatProblem(p, pos)),
    hint: 'see docs/config.md',
  });
}

function lineCol(pos: string | undefined): number {
  const m = pos ? /:(\d+):(\d+)$/.exec(pos) : null;
  return m ? Number(m[1]) * 1e6 + Number(m[2]) : Number.POSITIVE_INFINITY;
}

const compare = (x: number, y: number): number => (x === y ? 0 : x < y ? -1 : 1);

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
