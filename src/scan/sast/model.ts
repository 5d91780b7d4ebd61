import { kids, type Family, type Lang, type SyntaxNode, type SyntaxTree } from './parser.js';

/** A call as rules see it, the same for JavaScript and Python. */
export interface CallInfo {
  readonly node: SyntaxNode;
  readonly callee: SyntaxNode;
  /** Dotted callee name with import aliases resolved: "subprocess.run", "child_process.exec", "eval". */
  readonly name: string;
  /** Last segment of the name: "run", "exec". */
  readonly last: string;
  /** Positional arguments (Python keyword arguments and `*args` excluded). */
  readonly args: SyntaxNode[];
  /** Python keyword argument value by name. */
  kw(name: string): SyntaxNode | undefined;
  /** `new X(...)` in JavaScript. */
  readonly isNew: boolean;
  /** The receiver of a method call (`a.b.c()` -> `a.b`), when there is one. */
  readonly receiver?: SyntaxNode;
}

const JS_CALLS = new Set(['call_expression', 'new_expression']);

/**
 * One parsed file plus what every rule needs to read it: import aliases (so `sp.run` is
 * `subprocess.run`), call views, constant strings. Built once per file.
 */
export class FileModel {
  readonly family: Family;
  readonly aliases = new Map<string, string>();
  private readonly calls = new Map<number, CallInfo | null>();
  private readonly names = new Map<number, string>();

  constructor(
    readonly lang: Lang,
    readonly tree: SyntaxTree,
    readonly source: string,
  ) {
    this.family = lang === 'python' ? 'py' : 'js';
    this.collectImports(tree.rootNode);
  }

  /** Dotted name of an expression with aliases resolved ("" when it has none, e.g. a literal). */
  nameOf(node: SyntaxNode | null | undefined): string {
    if (!node) return '';
    const cached = this.names.get(node.id);
    if (cached !== undefined) return cached;
    const name = this.computeName(node);
    this.names.set(node.id, name);
    return name;
  }

  private computeName(node: SyntaxNode): string {
    switch (node.type) {
      case 'identifier':
      case 'shorthand_property_identifier':
        return this.aliases.get(node.text) ?? node.text;
      case 'this':
        return 'this';
      case 'property_identifier':
        return node.text;
      case 'attribute': {
        const obj = this.nameOf(node.childForFieldName('object'));
        const attr = node.childForFieldName('attribute')?.text ?? '';
        return obj ? `${obj}.${attr}` : attr;
      }
      case 'member_expression': {
        const obj = this.nameOf(node.childForFieldName('object'));
        const prop = node.childForFieldName('property')?.text ?? '';
        return obj ? `${obj}.${prop}` : prop;
      }
      case 'subscript': // Python d["k"]: named after the container
        return this.nameOf(node.childForFieldName('value'));
      case 'subscript_expression': {
        const key = this.stringValue(node.childForFieldName('index'));
        const obj = this.nameOf(node.childForFieldName('object'));
        return key !== undefined && obj ? `${obj}.${key}` : obj;
      }
      case 'call_expression': {
        const fn = node.childForFieldName('function');
        // require('x') names the module x.
        if (fn?.type === 'identifier' && fn.text === 'require') {
          const mod = this.stringValue(node.childForFieldName('arguments')?.namedChildren[0]);
          if (mod !== undefined) return normaliseModule(mod);
        }
        const n = this.nameOf(fn);
        return n ? `${n}()` : '';
      }
      case 'call': {
        const n = this.nameOf(node.childForFieldName('function'));
        return n ? `${n}()` : '';
      }
      case 'await_expression':
      case 'parenthesized_expression':
      case 'non_null_expression':
      case 'as_expression':
        return this.nameOf(kids(node)[0]);
      default:
        return '';
    }
  }

  /** The call view of a call node (JS call/new, Python call), or undefined. */
  call(node: SyntaxNode): CallInfo | undefined {
    const hit = this.calls.get(node.id);
    if (hit !== undefined) return hit ?? undefined;
    const info = this.computeCall(node);
    this.calls.set(node.id, info ?? null);
    return info;
  }

  private computeCall(node: SyntaxNode): CallInfo | undefined {
    let callee: SyntaxNode | null;
    let argList: SyntaxNode | null;
    const isNew = node.type === 'new_expression';
    if (JS_CALLS.has(node.type)) {
      callee = node.childForFieldName(isNew ? 'constructor' : 'function');
      argList = node.childForFieldName('arguments');
    } else if (node.type === 'call') {
      callee = node.childForFieldName('function');
      argList = node.childForFieldName('arguments');
    } else return undefined;
    if (!callee) return undefined;
    const name = this.nameOf(callee).replace(/\(\)$/, '');
    const all = argList?.type === 'template_string' ? [argList] : kids(argList).filter((a) => a.type !== 'comment');
    const args = all.filter((a) => a.type !== 'keyword_argument' && a.type !== 'dictionary_splat' && a.type !== 'list_splat');
    const kws = new Map<string, SyntaxNode>();
    for (const a of all) {
      if (a.type !== 'keyword_argument') continue;
      const k = a.childForFieldName('name')?.text;
      const v = a.childForFieldName('value');
      if (k && v) kws.set(k, v);
    }
    const receiver = callee.type === 'attribute' || callee.type === 'member_expression' ? (callee.childForFieldName('object') ?? undefined) : undefined;
    const last = name.slice(name.lastIndexOf('.') + 1);
    return { node, callee, name, last, args, kw: (k) => kws.get(k), isNew, ...(receiver ? { receiver } : {}) };
  }

  /** The value of a string literal (or a concatenation of literals), else undefined. */
  stringValue(node: SyntaxNode | null | undefined): string | undefined {
    if (!node) return undefined;
    switch (node.type) {
      case 'string': {
        if (kids(node).some((c) => c.type === 'interpolation')) return undefined;
        if (this.family === 'py') return kids(node).filter((c) => c.type === 'string_content' || c.type === 'escape_sequence').map((c) => c.text).join('');
        return kids(node).filter((c) => c.type === 'string_fragment' || c.type === 'escape_sequence').map((c) => c.text).join('');
      }
      case 'template_string':
        if (kids(node).some((c) => c.type === 'template_substitution')) return undefined;
        return kids(node).filter((c) => c.type === 'string_fragment' || c.type === 'escape_sequence').map((c) => c.text).join('');
      case 'concatenated_string': {
        const parts = kids(node).map((c) => this.stringValue(c));
        return parts.every((p) => p !== undefined) ? parts.join('') : undefined;
      }
      case 'binary_expression':
      case 'binary_operator': {
        if (node.childForFieldName('operator')?.text !== '+') return undefined;
        const l = this.stringValue(node.childForFieldName('left'));
        const r = this.stringValue(node.childForFieldName('right'));
        return l !== undefined && r !== undefined ? l + r : undefined;
      }
      case 'parenthesized_expression':
        return this.stringValue(kids(node)[0]);
      default:
        return undefined;
    }
  }

  /** True for literals and expressions built only from literals (no variable, no call). */
  isLiteral(node: SyntaxNode | null | undefined): boolean {
    if (!node) return false;
    switch (node.type) {
      case 'string':
      case 'template_string':
      case 'concatenated_string':
        return !kids(node).some((c) => c.type === 'interpolation' || c.type === 'template_substitution');
      case 'number':
      case 'integer':
      case 'float':
      case 'true':
      case 'false':
      case 'none':
      case 'null':
      case 'undefined':
        return true;
      case 'binary_expression':
      case 'binary_operator':
      case 'parenthesized_expression':
        return kids(node).every((c) => this.isLiteral(c));
      default:
        return false;
    }
  }

  /** The value node of a property in a JS object literal (`{ key: value }`), or undefined. */
  property(obj: SyntaxNode | null | undefined, key: string): SyntaxNode | undefined {
    if (!obj || obj.type !== 'object') return undefined;
    for (const p of kids(obj)) {
      if (p.type === 'pair') {
        const k = p.childForFieldName('key');
        const name = k?.type === 'property_identifier' ? k.text : this.stringValue(k);
        if (name === key) return p.childForFieldName('value') ?? undefined;
      } else if (p.type === 'shorthand_property_identifier' && p.text === key) return p;
    }
    return undefined;
  }

  line(node: SyntaxNode): number {
    return node.startPosition.row + 1;
  }

  private collectImports(root: SyntaxNode): void {
    for (const stmt of kids(root)) {
      if (this.family === 'py') this.pyImport(stmt);
      else this.jsImport(stmt);
    }
    // Imports inside functions (`def run(): import subprocess as sp`, `const cp = require('child_process')` in a
    // handler) name the same modules: one pass over the nested ones, after the top level so those win.
    // Cheap text test first: most files have no indented import, and walking the tree costs WASM calls.
    if (!(this.family === 'py' ? /^[ \t]+(?:import|from)\s/m : /^[ \t]+.*\b(?:require|import)\s*\(/m).test(this.source)) return;
    const nested = this.family === 'py' ? ['import_statement', 'import_from_statement'] : ['lexical_declaration', 'variable_declaration'];
    for (const stmt of root.descendantsOfType(nested)) {
      if (!stmt || stmt.parent?.id === root.id) continue;
      if (this.family === 'py') this.pyImport(stmt);
      else if (/\brequire\s*\(|\bimport\s*\(/.test(stmt.text)) this.jsImport(stmt);
    }
  }

  private pyImport(stmt: SyntaxNode): void {
    if (stmt.type === 'import_statement') {
      for (const n of kids(stmt)) {
        if (n.type === 'aliased_import') {
          const mod = n.childForFieldName('name')?.text;
          const alias = n.childForFieldName('alias')?.text;
          if (mod && alias) this.aliases.set(alias, mod);
        }
      }
    } else if (stmt.type === 'import_from_statement') {
      const mod = stmt.childForFieldName('module_name')?.text;
      if (!mod) return;
      for (const n of stmt.childrenForFieldName('name')) {
        if (!n) continue;
        if (n.type === 'aliased_import') {
          const name = n.childForFieldName('name')?.text;
          const alias = n.childForFieldName('alias')?.text;
          if (name && alias) this.aliases.set(alias, `${mod}.${name}`);
        } else this.aliases.set(n.text, `${mod}.${n.text}`);
      }
    } else if (stmt.type === 'if_statement' || stmt.type === 'try_statement' || stmt.type === 'block' || stmt.type === 'else_clause' || stmt.type === 'except_clause') {
      for (const c of kids(stmt)) this.pyImport(c);
    }
  }

  private jsImport(stmt: SyntaxNode): void {
    if (stmt.type === 'import_statement') {
      const mod = this.stringValue(stmt.childForFieldName('source'));
      if (mod === undefined) return;
      const m = normaliseModule(mod);
      const clause = kids(stmt).find((c) => c.type === 'import_clause');
      for (const part of kids(clause) ?? []) {
        if (part.type === 'identifier') this.aliases.set(part.text, m);
        else if (part.type === 'namespace_import') {
          const id = kids(part).find((c) => c.type === 'identifier');
          if (id) this.aliases.set(id.text, m);
        } else if (part.type === 'named_imports') {
          for (const spec of kids(part)) {
            if (spec.type !== 'import_specifier') continue;
            const name = spec.childForFieldName('name')?.text;
            const alias = spec.childForFieldName('alias')?.text ?? name;
            if (name && alias) this.aliases.set(alias, `${m}.${name}`);
          }
        }
      }
      return;
    }
    if (stmt.type === 'lexical_declaration' || stmt.type === 'variable_declaration') {
      for (const d of kids(stmt)) {
        if (d.type !== 'variable_declarator') continue;
        const value = d.childForFieldName('value');
        const target = d.childForFieldName('name');
        if (!value || !target) continue;
        const from = this.requiredName(value);
        if (from === undefined) continue;
        if (target.type === 'identifier') this.aliases.set(target.text, from);
        else if (target.type === 'object_pattern') {
          for (const p of kids(target)) {
            if (p.type === 'shorthand_property_identifier_pattern') this.aliases.set(p.text, `${from}.${p.text}`);
            else if (p.type === 'pair_pattern') {
              const key = p.childForFieldName('key')?.text;
              const val = p.childForFieldName('value');
              if (key && val?.type === 'identifier') this.aliases.set(val.text, `${from}.${key}`);
            }
          }
        }
      }
    }
  }

  /** `require('m')`, `require('m').x`, `await import('m')` -> "m" / "m.x". */
  private requiredName(value: SyntaxNode): string | undefined {
    let v = value;
    while (v.type === 'await_expression' || v.type === 'parenthesized_expression') v = kids(v)[0]!;
    if (v.type === 'call_expression') {
      const fn = v.childForFieldName('function');
      if (fn?.type === 'identifier' && fn.text === 'require' || fn?.type === 'import') {
        const mod = this.stringValue(v.childForFieldName('arguments')?.namedChildren[0]);
        return mod === undefined ? undefined : normaliseModule(mod);
      }
    }
    if (v.type === 'member_expression') {
      const base = this.requiredName(v.childForFieldName('object')!);
      return base === undefined ? undefined : `${base}.${v.childForFieldName('property')?.text ?? ''}`;
    }
    return undefined;
  }
}

function normaliseModule(m: string): string {
  return m.replace(/^node:/, '');
}
