import { createHash } from 'node:crypto';
import type { Finding } from '../../core/result.js';
import { checkInlineAllow } from '../inline-allow.js';
import { collectOutgoing, type CrossFile } from './cross-file.js';
import { installedBelow } from './installed.js';
import { FileModel } from './model.js';
import { familyOf, parsers, type Lang, type SyntaxNode } from './parser.js';
import type { RuleContext, SastRule } from './rule.js';
import { KIND } from './taint-kinds.js';
import { Taint, type TaintExtras } from './taint.js';

const CALLS = new Set(['call', 'call_expression', 'new_expression']);

export interface FileScan {
  findings: Finding[];
  /** Findings an inline `gonogo:allow` comment suppressed. */
  allowed: number;
  /** Set when the parser recovered from syntax errors (first error line). */
  syntaxErrorLine?: number;
}

/** Rules grouped by what they listen to, per family, so the walk dispatches in O(1). */
export interface RuleIndex {
  byType: Map<string, { rule: SastRule; fn: NonNullable<SastRule['on']>[string] }[]>;
  calls: SastRule[];
}

export function indexRules(rules: readonly SastRule[], family: 'js' | 'py'): RuleIndex {
  const byType: RuleIndex['byType'] = new Map();
  const calls: SastRule[] = [];
  for (const rule of rules) {
    if (!rule.families.includes(family)) continue;
    if (rule.onCall) calls.push(rule);
    for (const [type, fn] of Object.entries(rule.on ?? {})) {
      const list = byType.get(type) ?? [];
      list.push({ rule, fn });
      byType.set(type, list);
    }
  }
  return { byType, calls };
}

const extrasCache = new WeakMap<readonly SastRule[], TaintExtras>();

/** The rules' own sanitizers as [callee pattern, kinds it clears], and their extra sources. */
function ruleExtras(rules: readonly SastRule[]): TaintExtras {
  let out = extrasCache.get(rules);
  if (!out) {
    out = {
      sanitizers: rules.flatMap((r) => (r.sinkKind && r.sanitizers ? r.sanitizers.map((re): [RegExp, number] => [re, KIND[r.sinkKind!]]) : [])),
      sources: rules.flatMap((r) => r.sources ?? []),
    };
    extrasCache.set(rules, out);
  }
  return out;
}

const indexCache = new WeakMap<readonly SastRule[], Record<'js' | 'py', RuleIndex>>();

/** Scan one source text. `rel` names the file in findings; pure apart from the shared parsers. */
export async function scanSource(source: string, lang: Lang, rel: string, rules: readonly SastRule[], today?: string, cross?: CrossFile): Promise<FileScan> {
  const p = (await parsers())[lang];
  const tree = p.parse(source);
  if (!tree) return { findings: [], allowed: 0 };
  try {
    const family = familyOf(lang);
    let idx = indexCache.get(rules);
    if (!idx) {
      idx = { js: indexRules(rules, 'js'), py: indexRules(rules, 'py') };
      indexCache.set(rules, idx);
    }
    const index = idx[family];
    const model = new FileModel(lang, tree, source);
    const taint = new Taint(model, cross?.incoming ? { ...ruleExtras(rules), incoming: cross.incoming } : ruleExtras(rules));
    const lines = source.split('\n');
    const findings: Finding[] = [];
    const seen = new Set<string>();
    let allowed = 0;
    let current: SastRule;
    const ctx: RuleContext = {
      model,
      family,
      report(node, message) {
        const line = node.startPosition.row + 1;
        const key = `${current.id}:${line}:${node.startPosition.column}`;
        if (seen.has(key)) return;
        seen.add(key);
        const decision = checkInlineAllow((n) => lines[n - 1], line, current.id, today);
        if (decision.status === 'allowed') {
          allowed++;
          return;
        }
        const note = decision.status === 'expired' || decision.status === 'invalid' ? ` (${decision.note})` : '';
        findings.push({
          ruleId: current.id,
          severity: current.severity,
          message: `${message ?? current.title}${note}`,
          location: { file: rel, line, column: node.startPosition.column + 1 },
          fingerprint: fingerprint(current.id, rel, lines[line - 1] ?? ''),
          remediation: current.remediation,
          ...(current.likelihood ? { likelihood: current.likelihood } : {}),
        });
      },
      call: (n) => model.call(n),
      name: (n) => model.nameOf(n),
      str: (n) => model.stringValue(n),
      constText: (n) => (n ? taint.constText(n) : undefined),
      literal: (n) => model.isLiteral(n),
      fixed: (n) => (n ? taint.fixed(n) : false),
      tainted: (n, kind) => taint.tainted(n, kind),
      prop: (o, k) => model.property(o, k),
      element: (n, i) => (n ? taint.elementAt(n, i) : undefined),
      installedBelow: (eco, name, major) => installedBelow(cross?.installed, eco, name, major),
    };

    let syntaxErrorLine: number | undefined;
    const visit = (node: SyntaxNode) => {
      const handlers = index.byType.get(node.type);
      if (handlers) for (const h of handlers) {
        current = h.rule;
        h.fn(node, ctx);
      }
      if (index.calls.length > 0 && CALLS.has(node.type)) {
        const info = model.call(node);
        if (info) for (const rule of index.calls) {
          current = rule;
          rule.onCall!(info, ctx);
        }
      }
    };
    // Iterative pre-order walk with a cursor: no recursion limit, no child arrays.
    const cursor = tree.walk();
    let done = false;
    while (!done) {
      // Materialising a node costs a WASM round trip and an object: only for types some rule listens to.
      if (cursor.nodeIsNamed) {
        const t = cursor.nodeType;
        if (index.byType.has(t) || (index.calls.length > 0 && CALLS.has(t))) visit(cursor.currentNode);
      }
      if (cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) {
          done = true;
          break;
        }
      }
    }
    cursor.delete();
    if (cross?.outgoing) collectOutgoing(model, (n) => taint.mask(n), cross.outgoing);
    if (tree.rootNode.hasError) syntaxErrorLine = firstError(tree.rootNode);
    findings.sort((a, b) => lineOf(a) - lineOf(b));
    return { findings, allowed, ...(syntaxErrorLine !== undefined ? { syntaxErrorLine } : {}) };
  } finally {
    tree.delete();
  }
}

/** Line of the first ERROR or MISSING node (depth first, leftmost). */
function firstError(root: SyntaxNode): number {
  let n: SyntaxNode = root;
  for (;;) {
    if (n.isError || n.isMissing) return n.startPosition.row + 1;
    const next: SyntaxNode | undefined = n.children.find((c): c is SyntaxNode => c !== null && (c.hasError || c.isMissing));
    if (!next) return n.startPosition.row + 1;
    n = next;
  }
}

function lineOf(f: Finding): number {
  return 'file' in f.location ? (f.location.line ?? 0) : 0;
}

/** Stable across unrelated edits: rule, file and the trimmed text of the line, not its number. */
function fingerprint(ruleId: string, rel: string, lineText: string): string {
  return createHash('sha256').update(`${ruleId}\0${rel}\0${lineText.trim()}`).digest('hex').slice(0, 32);
}
