import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { ConfigError } from '../errors.js';
import { importConfigModule } from './bundle.js';
import type { ConfigPath } from './problems.js';
import type { Positions } from './validate.js';

export interface RawConfig {
  raw: unknown;
  /** "file:line:col" for a config path; only data formats know positions. */
  positions?: Positions;
}

const DATA_FORMATS = new Set(['.yaml', '.yml', '.json']);
const MODULE_FORMATS = new Set(['.ts', '.mjs', '.js']);

/** Read and parse one config file; `display` is the name used in messages (usually relative to cwd). */
export async function readConfigFile(file: string, display: string): Promise<RawConfig> {
  const ext = extname(file).toLowerCase();
  if (MODULE_FORMATS.has(ext)) return { raw: await importConfigModule(file, display) };
  if (!DATA_FORMATS.has(ext)) {
    throw new ConfigError('GONOGO_CONFIG_PARSE', `unsupported config format "${ext || basenameOf(file)}": ${display}`, {
      where: display,
      hint: 'use a .ts, .mjs, .js, .json, .yaml or .yml file',
    });
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new ConfigError('GONOGO_CONFIG_PARSE', `could not read ${display}: ${(err as Error).message}`, { where: display });
  }
  return parseDataConfig(text, display);
}

const basenameOf = (file: string): string => file.split(/[\\/]/).pop() ?? file;

/**
 * YAML and JSON both go through `yaml` (JSON is YAML 1.2), keeping node positions so every schema
 * problem can point at its line. Duplicate keys are syntax errors in both.
 */
export function parseDataConfig(text: string, display: string): RawConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const at = (offset: number): string => {
    const { line, col } = lineCounter.linePos(offset);
    return `${display}:${line}:${col}`;
  };
  if (doc.errors.length > 0) {
    const lines = doc.errors.map((e) => `${at(e.pos[0])} ${firstLine(e.message)}`);
    throw new ConfigError('GONOGO_CONFIG_PARSE', `could not parse ${display}: ${firstLine(doc.errors[0]!.message)}`, {
      where: at(doc.errors[0]!.pos[0]),
      details: lines,
      hint: 'fix the syntax at the line shown',
    });
  }
  let raw: unknown;
  try {
    raw = doc.toJS();
  } catch (err) {
    throw new ConfigError('GONOGO_CONFIG_PARSE', `could not parse ${display}: ${firstLine((err as Error).message)}`, { where: display });
  }
  return {
    raw,
    positions: (path) => {
      const offset = offsetOf(doc, path);
      return offset === undefined ? undefined : at(offset);
    },
  };
}

// yaml's messages end with " at line N, column M:" and a code frame; the position is reported separately.
const firstLine = (message: string): string => (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');

/** Start offset of the deepest node on `path`: the key for a mapping entry, the item for a list entry. */
function offsetOf(doc: Document, path: ConfigPath): number | undefined {
  let node: unknown = doc.contents;
  let offset = (node as Node | null)?.range?.[0];
  for (const seg of path) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      offset = (pair.key as Node).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as Node | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else break;
  }
  return offset;
}
