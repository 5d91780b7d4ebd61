import { isAbsolute, relative } from 'node:path';
import { findConfigFile } from '../core/config/discover.js';
import { readConfigFile } from '../core/config/read.js';
import type { GonogoConfig } from '../core/config/schema.js';
import { validateConfig } from '../core/config/validate.js';
import { UsageError } from '../core/errors.js';
import { isHttpUrl } from '../core/config/fields.js';

/**
 * The config for a run, with `target` replaced before validation when the CLI (or the demo) names
 * one, so paths such as `load.url: /api/items` join onto the target actually under test.
 */
export async function loadRunConfig(opts: { cwd: string; configPath?: string; target?: string; overlay?: (raw: Record<string, unknown>) => Record<string, unknown> }): Promise<{ config: GonogoConfig; file?: string }> {
  if (opts.target !== undefined && !isHttpUrl(opts.target)) {
    throw new UsageError(`"${opts.target}" is not an absolute http(s) URL`, { where: '--target', hint: 'for example --target http://127.0.0.1:8080' });
  }
  const file = await findConfigFile(opts.cwd, opts.configPath);
  if (file === undefined) return { config: validateConfig(opts.target ? { target: opts.target } : {}) };
  const rel = relative(opts.cwd, file);
  const display = rel !== '' && !isAbsolute(rel) ? rel : file;
  const { raw, positions } = await readConfigFile(file, display);
  const isMap = raw !== null && typeof raw === 'object' && !Array.isArray(raw);
  let withTarget = opts.target !== undefined && isMap ? { ...(raw as object), target: opts.target } : raw;
  if (opts.overlay && isMap) withTarget = opts.overlay(withTarget as Record<string, unknown>);
  return { config: validateConfig(withTarget, display, positions), file };
}
