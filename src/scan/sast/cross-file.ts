import path from 'node:path';
import type { Installed } from './installed.js';
import type { FileModel } from './model.js';
import type { SyntaxNode } from './parser.js';

/**
 * Taint across the files of one project. A scan collects, per file, the calls of functions imported from
 * other modules with the taint of each positional argument (`outgoing`); the project scan (scan.ts) resolves
 * the module to a scanned file and scans that file again with those parameters tainted (`incoming`), so
 * `helpers.db.run_query(request.args["q"])` is reported at the `cursor.execute` inside `run_query`.
 * Limits: top-level functions, positional arguments, module paths inside the scanned folder.
 */
export interface CrossFileCall {
  /** The module as written in the import, aliases resolved: "helpers.db", ".db", "./db". */
  readonly module: string;
  readonly fn: string;
  readonly index: number;
  readonly mask: number;
  readonly line: number;
}

export interface CrossFile {
  /** `${function name}:${parameter index}` -> taint that callers in other files pass (top-level functions only). */
  readonly incoming?: ReadonlyMap<string, number>;
  /** Filled by the scan: calls of functions imported from other modules that pass tainted arguments. */
  readonly outgoing?: CrossFileCall[];
  /** Major versions the project's dependency files install (installed.ts), for rules that depend on a library's major. */
  readonly installed?: Installed;
}

const CALL_TYPES = ['call', 'call_expression'];

/** Calls of imported functions in `model`'s file passing taint (mask per argument from `maskOf`). */
export function collectOutgoing(model: FileModel, maskOf: (n: SyntaxNode) => number, out: CrossFileCall[]): void {
  for (const node of model.tree.rootNode.descendantsOfType(CALL_TYPES)) {
    if (!node) continue;
    const call = model.call(node);
    if (!call || call.args.length === 0) continue;
    const cut = call.name.lastIndexOf('.');
    if (cut <= 0) continue;
    const module = call.name.slice(0, cut);
    // Only names that come from an import (an alias, or the module itself spelled out: `import helpers.db`).
    const base = call.callee.text.split('.')[0] ?? '';
    if (!model.aliases.has(base) && !(model.family === 'py' && call.callee.text === call.name)) continue;
    call.args.forEach((a, index) => {
      if (a.type === 'keyword_argument') return;
      const mask = maskOf(a);
      if (mask !== 0) out.push({ module, fn: call.name.slice(cut + 1), index, mask, line: node.startPosition.row + 1 });
    });
  }
}

const JS_EXTENSIONS = ['', '.js', '.ts', '.mjs', '.cjs', '.jsx', '.tsx', '/index.js', '/index.ts'];

/** Project-relative paths (posix) a module named in `fromRel` may live at, most specific first. */
export function moduleCandidates(fromRel: string, module: string, family: 'js' | 'py'): string[] {
  const dir = path.posix.dirname(fromRel.split(path.sep).join('/'));
  if (family === 'js') {
    if (!module.startsWith('.')) return [];
    const base = path.posix.normalize(path.posix.join(dir, module));
    return JS_EXTENSIONS.map((ext) => base + ext);
  }
  const dots = /^\.*/.exec(module)![0].length;
  const rest = module.slice(dots).split('.').filter(Boolean).join('/');
  if (dots > 0) {
    let from = dir;
    for (let i = 1; i < dots; i++) from = path.posix.dirname(from);
    const base = path.posix.normalize(path.posix.join(from, rest));
    return [`${base}.py`, `${base}/__init__.py`];
  }
  const here = path.posix.normalize(path.posix.join(dir, rest));
  return [`${rest}.py`, `${rest}/__init__.py`, `${here}.py`, `${here}/__init__.py`];
}

/** Is `fn` defined at the top of its file (not nested in a function or class)? */
export function isTopLevel(fn: SyntaxNode): boolean {
  for (let p = fn.parent; p; p = p.parent) {
    if (/^(?:function_definition|function_declaration|function_expression|arrow_function|method_definition|class_definition|class_declaration|class_body)$/.test(p.type)) return false;
  }
  return true;
}
