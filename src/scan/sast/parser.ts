import { createRequire } from 'node:module';
import path from 'node:path';
import type * as TS from '@vscode/tree-sitter-wasm';

/** The languages the static analyser parses; TSX has its own grammar. */
export type Lang = 'javascript' | 'typescript' | 'tsx' | 'python';
/** Rules are written per family: JS/TS/TSX share node types, Python has its own. */
export type Family = 'js' | 'py';

export type SyntaxNode = TS.Node;
export type SyntaxTree = TS.Tree;

const EXT: Record<string, Lang> = {
  '.js': 'javascript', '.mjs': 'javascript', '.cjs': 'javascript', '.jsx': 'javascript',
  '.ts': 'typescript', '.mts': 'typescript', '.cts': 'typescript',
  '.tsx': 'tsx',
  '.py': 'python', '.pyw': 'python',
};

export function langOf(file: string): Lang | undefined {
  if (file.endsWith('.d.ts')) return undefined; // declarations carry no code
  return EXT[path.extname(file).toLowerCase()];
}

export function familyOf(lang: Lang): Family {
  return lang === 'python' ? 'py' : 'js';
}

// The package is a UMD bundle: Node's ESM loader sees no named exports, so load it through require.
const require = createRequire(import.meta.url);

let loading: Promise<Parsers> | undefined;
type Parsers = Record<Lang, TS.Parser>;

/** One parser per language, created once per process (the WASM runtime initialises once). */
export function parsers(): Promise<Parsers> {
  loading ??= (async () => {
    const ts = require('@vscode/tree-sitter-wasm') as typeof TS;
    const dir = path.dirname(require.resolve('@vscode/tree-sitter-wasm'));
    await ts.Parser.init({ locateFile: (file: string) => path.join(dir, file) });
    const grammar = { javascript: 'javascript', typescript: 'typescript', tsx: 'tsx', python: 'python' } as const;
    const out = {} as Parsers;
    for (const [lang, name] of Object.entries(grammar) as [Lang, string][]) {
      const language = await ts.Language.load(path.join(dir, `tree-sitter-${name}.wasm`));
      const p = new ts.Parser();
      p.setLanguage(language);
      out[lang] = p;
    }
    return out;
  })();
  return loading;
}

/** Named children without the nulls the typings allow for. */
export function kids(node: SyntaxNode | null | undefined): SyntaxNode[] {
  return node ? (node.namedChildren.filter((c) => c !== null) as SyntaxNode[]) : [];
}
