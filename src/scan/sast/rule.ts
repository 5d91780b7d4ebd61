import type { Severity } from '../../core/result.js';
import type { CallInfo, FileModel } from './model.js';
import type { Family, Lang, SyntaxNode } from './parser.js';
import type { Ecosystem } from './installed.js';
import type { TaintKind } from './taint-kinds.js';

/** A code sample a rule must flag (bad) or must leave alone (good). */
export interface RuleSample {
  readonly lang: Lang;
  readonly code: string;
  /** Library majors the sample's project installs ("npm:jsonwebtoken" -> [8]), for rules that ask installedBelow. */
  readonly installed?: Readonly<Record<string, readonly number[]>>;
}

export interface RuleContext {
  readonly model: FileModel;
  readonly family: Family;
  /** Report the rule at this node; `message` defaults to the rule's title. */
  report(node: SyntaxNode, message?: string): void;
  call(node: SyntaxNode): CallInfo | undefined;
  /** Dotted name with import aliases resolved. */
  name(node: SyntaxNode | null | undefined): string;
  /** Constant string value, else undefined. */
  str(node: SyntaxNode | null | undefined): string | undefined;
  /** Constant string of an expression, following a variable assigned one string literal once. */
  constText(node: SyntaxNode | null | undefined): string | undefined;
  /** Literal-only expression (no variable, no call). */
  literal(node: SyntaxNode | null | undefined): boolean;
  /** Fixed text whatever the request: literals, and variables, f-strings and route segments made only of them (taint-fixed.ts). */
  fixed(node: SyntaxNode | null | undefined): boolean;
  /** Request data reaches this expression and no sanitizer for `kind` cleaned it. */
  tainted(node: SyntaxNode | null | undefined, kind: TaintKind): boolean;
  /** For a list variable: the element at index i as last stored before this point, when tracked. */
  element(node: SyntaxNode | null | undefined, i: number): SyntaxNode | undefined;
  /** Value node of a key in a JS object literal. */
  prop(obj: SyntaxNode | null | undefined, key: string): SyntaxNode | undefined;
  /** The project's dependency files install `name` at a major below `major` (false when they do not name it). */
  installedBelow(eco: Ecosystem, name: string, major: number): boolean;
}

export type Visitor = (node: SyntaxNode, ctx: RuleContext) => void;

/**
 * One static-analysis rule: metadata, the samples it must and must not flag, and visitors keyed by
 * tree-sitter node type, plus `onCall` for every call.
 */
export interface SastRule {
  /** "sast.<name>" */
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  /** "CWE-78" */
  readonly cwe: string;
  /** OWASP Top 10 2021 category, "A03:2021-Injection". */
  readonly owasp: string;
  /** Equivalent Bandit test id(s), e.g. "B602". */
  readonly bandit?: string;
  /** Equivalent eslint-plugin-security rule, e.g. "detect-child-process". */
  readonly eslint?: string;
  readonly families: readonly Family[];
  readonly remediation: string;
  /** How likely exploitation is (risk-matrix axis): taint rules say high, since request data reaches the sink. */
  readonly likelihood?: 'low' | 'medium' | 'high';
  /** Taint rules: the kind of taint their sinks test (taint-sinks.ts lists them). */
  readonly sinkKind?: TaintKind;
  /**
   * Taint rules: callee names (dotted, import aliases resolved) whose result is clean for this rule's kind
   * of sink, on top of the shared table in taint-sanitizers.ts (e.g. a project's own `safe_join`).
   */
  readonly sanitizers?: readonly RegExp[];
  /** Extra sources (custom rules): dotted names whose value, or whose call's result, is request data, for every rule. */
  readonly sources?: readonly RegExp[];
  readonly samples: { readonly bad: readonly RuleSample[]; readonly good: readonly RuleSample[] };
  /** Called for every call expression (JS call/new, Python call). */
  readonly onCall?: (call: CallInfo, ctx: RuleContext) => void;
  /** Called for every node of these tree-sitter types. */
  readonly on?: Readonly<Record<string, Visitor>>;
}

export { OWASP } from '../../core/owasp.js';
