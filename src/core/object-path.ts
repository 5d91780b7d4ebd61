/**
 * Paths into parsed YAML/JSON written by users in config (custom IaC rules):
 * `spec.template.spec.containers[*].image`, `metadata.annotations["seccomp.security.alpha.kubernetes.io/pod"]`.
 * `[*]` walks every item of a list, `[n]` one item; a quoted key may hold dots and slashes.
 */
export type PathStep = { key: string } | { index: number } | { each: true };

const STEP = /\.([A-Za-z0-9_$-]+)|\[(\d+)\]|\[\*\]|\["([^"\]]+)"\]/y;

/** The steps of a path, or undefined when it is not one. */
export function parseObjectPath(path: string): PathStep[] | undefined {
  const steps: PathStep[] = [];
  const text = path.startsWith('[') ? path : `.${path}`;
  STEP.lastIndex = 0;
  while (STEP.lastIndex < text.length) {
    const at = STEP.lastIndex;
    const m = STEP.exec(text);
    if (!m || m.index !== at) return undefined;
    if (m[1] !== undefined) steps.push({ key: m[1] });
    else if (m[2] !== undefined) steps.push({ index: Number(m[2]) });
    else if (m[3] !== undefined) steps.push({ key: m[3] });
    else steps.push({ each: true });
  }
  return steps.length > 0 ? steps : undefined;
}

export interface PathHit {
  /** Concrete keys and indexes from the root, for line numbers. */
  readonly at: (string | number)[];
  /** Whether the last step exists (a missing value still has a path: its nearest parent that exists). */
  readonly found: boolean;
  readonly value: unknown;
}

/** Every place the path reaches in `root`; a step that is absent gives one hit with found=false at that place. */
export function walkObjectPath(root: unknown, steps: readonly PathStep[]): PathHit[] {
  const hits: PathHit[] = [];
  const go = (value: unknown, i: number, at: (string | number)[]) => {
    if (i === steps.length) {
      hits.push({ at, found: true, value });
      return;
    }
    const step = steps[i]!;
    if ('each' in step) {
      if (!Array.isArray(value)) hits.push({ at, found: false, value: undefined });
      else value.forEach((item, n) => go(item, i + 1, [...at, n]));
      return;
    }
    if ('index' in step) {
      if (!Array.isArray(value) || step.index >= value.length) hits.push({ at, found: false, value: undefined });
      else go(value[step.index], i + 1, [...at, step.index]);
      return;
    }
    const obj = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
    if (!obj || !(step.key in obj) || obj[step.key] === null || obj[step.key] === undefined) hits.push({ at, found: false, value: undefined });
    else go(obj[step.key], i + 1, [...at, step.key]);
  };
  go(root, 0, []);
  return hits;
}
