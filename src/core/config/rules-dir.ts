import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { ConfigError } from '../errors.js';
import type { ConfigPath } from './problems.js';
import { parseDataConfig, type RawConfig } from './read.js';

/** Top-level keys of a rules file and where their lists go in the config. */
const TARGETS = { sast: ['scan', 'sast', 'custom'], iac: ['scan', 'iac', 'custom'] } as const;
type Kind = keyof typeof TARGETS;

/**
 * `scan.rulesDir` (docs/config.md#rules-folder): every *.yml / *.yaml / *.json file in the folder holds `sast:` and/or
 * `iac:` lists of custom rules, appended to `scan.sast.custom` / `scan.iac.custom` before validation. Problems in a
 * rule point at the rules file's own line (the message names the merged config path).
 */
export async function withRulesDir(loaded: RawConfig, configFile: string, display: string): Promise<RawConfig> {
  const raw = loaded.raw as { scan?: { rulesDir?: unknown } } | null | undefined;
  const dirSetting = raw?.scan?.rulesDir;
  if (typeof dirSetting !== 'string' || dirSetting === '') return loaded; // the schema reports a wrong type
  const dir = resolve(dirname(configFile), dirSetting);
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => /\.(ya?ml|json)$/i.test(n)).sort();
  } catch (err) {
    throw new ConfigError('GONOGO_CONFIG_PARSE', `scan.rulesDir: cannot read the rules folder ${dirSetting}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, {
      where: `${display}: scan.rulesDir`,
      hint: 'create the folder or fix the path (it is relative to the config file)',
    });
  }
  const merged = structuredClone(loaded.raw) as Record<string, unknown>;
  // Config path prefix (as a string) -> positions of the rules file it came from, with the path inside that file.
  const origins: { prefix: ConfigPath; file: RawConfig; inFile: ConfigPath }[] = [];
  for (const name of names) {
    const fileDisplay = relative(process.cwd(), join(dir, name)) || join(dir, name);
    const text = await readFile(join(dir, name), 'utf8').catch((err: Error) => {
      throw new ConfigError('GONOGO_CONFIG_PARSE', `could not read ${fileDisplay}: ${err.message}`, { where: fileDisplay });
    });
    const parsed = parseDataConfig(text, fileDisplay);
    const body = parsed.raw ?? {};
    if (typeof body !== 'object' || Array.isArray(body)) {
      throw new ConfigError('GONOGO_CONFIG_INVALID', `${fileDisplay}: expected a mapping with sast: and/or iac: lists of rules`, { where: `${fileDisplay}:1` });
    }
    for (const [key, list] of Object.entries(body)) {
      if (!(key in TARGETS)) {
        throw new ConfigError('GONOGO_CONFIG_INVALID', `${fileDisplay}: unknown key "${key}"; a rules file holds sast: and iac: lists`, { where: parsed.positions?.([key]) ?? fileDisplay });
      }
      if (!Array.isArray(list)) {
        throw new ConfigError('GONOGO_CONFIG_INVALID', `${fileDisplay}: ${key} must be a list of rules`, { where: parsed.positions?.([key]) ?? fileDisplay });
      }
      const path = TARGETS[key as Kind];
      const target = listAt(merged, path);
      list.forEach((rule, i) => {
        origins.push({ prefix: [...path, target.length], file: parsed, inFile: [key, i] });
        target.push(rule);
      });
    }
  }
  return {
    raw: merged,
    positions: (path) => {
      const from = origins.find((o) => o.prefix.every((seg, i) => path[i] === seg));
      return from ? from.file.positions?.([...from.inFile, ...path.slice(from.prefix.length)]) : loaded.positions?.(path);
    },
  };
}

/** The list at `path`, created (with its parents) when absent. */
function listAt(root: Record<string, unknown>, path: readonly string[]): unknown[] {
  let node = root;
  for (const key of path.slice(0, -1)) {
    if (node[key] === undefined || node[key] === null) node[key] = {};
    // A wrong type here is the schema's to report; the rules then have nowhere to go.
    if (typeof node[key] !== 'object' || Array.isArray(node[key])) return [];
    node = node[key] as Record<string, unknown>;
  }
  const last = path[path.length - 1]!;
  if (!Array.isArray(node[last])) node[last] = node[last] === undefined ? [] : node[last];
  return Array.isArray(node[last]) ? (node[last] as unknown[]) : [];
}
