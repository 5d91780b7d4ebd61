/** A config path as zod reports it: keys and array indexes from the root. */
export type ConfigPath = (string | number)[];

/** One thing wrong with the config; every stage (schema, normalise, cross-field rules) produces these. */
export interface Problem {
  path: ConfigPath;
  message: string;
}

/**
 * Collects problems instead of throwing, so the user sees every mistake in one run
 * (DESIGN.md: "Validate config once, at the edge, and report every problem").
 */
export class Problems {
  readonly list: Problem[] = [];

  add(path: ConfigPath, message: string): void {
    this.list.push({ path, message });
  }

  /** True when something at `path` or below it is already wrong, so rules can skip follow-on noise. */
  failed(path: ConfigPath): boolean {
    return this.list.some((p) => path.every((seg, i) => p.path[i] === seg));
  }
}

/** `load.thresholds[0]`, `load.headers["X-Api.Key"]`; the empty path is the config itself. */
export function formatPath(path: ConfigPath): string {
  if (path.length === 0) return '(config)';
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** How a wrong value is shown after "got": short, and never a dump of a whole object. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'function') return 'a function';
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** The raw value at `path`, for the "got ..." part of a message. */
export function valueAt(root: unknown, path: ConfigPath): unknown {
  let cur = root;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}
