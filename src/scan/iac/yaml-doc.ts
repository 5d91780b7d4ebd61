import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document } from 'yaml';

export type YamlPath = (string | number)[];

/** One YAML document: its plain value plus line numbers for any path in it. */
export class YamlDoc {
  readonly value: unknown;
  constructor(
    private readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
    /** 1-based line where the document starts. */
    readonly startLine: number,
  ) {
    this.value = doc.toJS({ maxAliasCount: 100 });
  }

  /** 1-based line of the node at `path`, or of its nearest ancestor that exists. */
  lineOf(path: YamlPath): number {
    for (let n = path.length; n >= 0; n--) {
      const node = this.doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (node && node.range) {
        // For a collection value, point at its key's line (the line above the first entry) when we can.
        const key = n > 0 ? this.keyLine(path.slice(0, n)) : undefined;
        return key ?? this.lines.linePos(node.range[0]).line;
      }
    }
    return this.startLine;
  }

  private keyLine(path: YamlPath): number | undefined {
    const parent = path.length > 1 ? this.doc.getIn(path.slice(0, -1), true) : this.doc.contents;
    const last = path[path.length - 1];
    if (isMap(parent)) {
      const pair = parent.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === last);
      const k = pair?.key as { range?: [number, number, number] } | undefined;
      if (k?.range) return this.lines.linePos(k.range[0]).line;
    }
    if (isSeq(parent) && typeof last === 'number') {
      const item = parent.items[last] as { range?: [number, number, number] } | undefined;
      if (item?.range) return this.lines.linePos(item.range[0]).line;
    }
    return undefined;
  }
}

export interface YamlParse {
  docs: YamlDoc[];
  /** The first syntax error, with its 1-based line. */
  error?: { line: number; message: string };
}

/** Parse a (multi-document) YAML file; documents after a broken one are still returned when they parse. */
export function parseYaml(text: string): YamlParse {
  const lines = new LineCounter();
  const all = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  const list = Array.isArray(all) ? all : [];
  const docs: YamlDoc[] = [];
  let error: YamlParse['error'];
  for (const d of list) {
    if (d.errors.length > 0) {
      const e = d.errors[0]!;
      error ??= { line: lines.linePos(e.pos[0]).line, message: e.message.split('\n')[0]! };
      continue;
    }
    try {
      docs.push(new YamlDoc(d, lines, d.range ? lines.linePos(d.range[0]).line : 1));
    } catch (e) {
      error ??= { line: d.range ? lines.linePos(d.range[0]).line : 1, message: (e as Error).message };
    }
  }
  return { docs, ...(error ? { error } : {}) };
}
