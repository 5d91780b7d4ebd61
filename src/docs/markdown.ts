import MarkdownIt, { type StateBlock, type StateInline, type Token } from 'markdown-it';
import type { Definition, DocLink, InlineCode, LinkKind, ParsedDoc, ReferenceUse } from './model.js';
import { htmlAnchorsAndLinks } from './html.js';

/**
 * Markdown extraction on markdown-it (CommonMark + GFM tables, measured fastest of the
 * CommonMark-correct parsers for this job: see BENCHMARKS.md). Tokens carry only block line
 * ranges, so a few parser rules are wrapped to record what they consumed and where: link and image
 * (inline or by reference), code spans, inline HTML, reference definitions. Code spans, fenced code
 * and HTML comments are consumed by their own rules, so they never yield links.
 */

interface Env {
  references?: Record<string, { href: string; title: string }>;
  /** 0-based first line of the block whose inline content is being parsed. */
  blockLine: number;
  /** Newlines counted so far in the current inline source (cached: links are found left to right). */
  nlPos: number;
  nlCount: number;
  nlSrc: string;
  out: Extracted;
}

interface Extracted {
  links: DocLink[];
  definitions: Definition[];
  references: ReferenceUse[];
  inlineCode: InlineCode[];
  htmlAnchors: string[];
}

type InlineRule = (state: StateInline, silent: boolean) => boolean;
type BlockRule = (state: StateBlock, startLine: number, endLine: number, silent: boolean) => boolean;
interface RuleList<F> {
  __rules__: { name: string; fn: F }[];
  at(name: string, fn: F): void;
}

const md = new MarkdownIt({ html: true, linkify: false });
// Keep destinations as written: no percent-encoding, and no link is dropped for its scheme.
md.normalizeLink = (url) => url;
md.normalizeLinkText = (text) => text;
md.validateLink = () => true;
const normalizeReference: (s: string) => string = md.utils.normalizeReference;

function original<F>(list: RuleList<F>, name: string): F {
  const rule = list.__rules__.find((r) => r.name === name);
  if (!rule) throw new Error(`markdown-it has no rule "${name}"`);
  return rule.fn;
}

/** 1-based file line of offset `pos` in the inline source being parsed. */
function lineAt(state: StateInline, pos: number): number {
  const env = state.env as Env;
  if (env.nlSrc !== state.src || pos < env.nlPos) {
    env.nlSrc = state.src;
    env.nlPos = 0;
    env.nlCount = 0;
  }
  for (let i = env.nlPos; i < pos; i++) if (state.src.charCodeAt(i) === 0x0a) env.nlCount++;
  env.nlPos = pos;
  return env.blockLine + env.nlCount + 1;
}

// Block lines of inline content: the core "inline" rule, now telling the inline rules where they are.
md.core.ruler.at('inline', (state) => {
  const env = state.env as Env;
  let line = 0;
  for (const tok of state.tokens) {
    if (tok.map) line = tok.map[0];
    if (tok.type !== 'inline') continue;
    env.blockLine = line;
    env.nlSrc = '';
    state.md.inline.parse(tok.content, state.md, state.env, tok.children ?? (tok.children = []));
  }
});

const linkRule = original(md.inline.ruler as unknown as RuleList<InlineRule>, 'link');
const imageRule = original(md.inline.ruler as unknown as RuleList<InlineRule>, 'image');

/** The first token of `type` a rule pushed (pending text may be flushed into a token before it). */
function pushed(state: StateInline, before: number, type: string): Token | undefined {
  for (let i = before; i < state.tokens.length; i++) if (state.tokens[i]!.type === type) return state.tokens[i];
  return undefined;
}

/** Record a parsed link or image: inline destinations become links, references become uses. */
function recordLink(state: StateInline, start: number, tokensBefore: number, kind: LinkKind): void {
  const env = state.env as Env;
  const end = state.pos;
  const labelStart = kind === 'image' ? start + 1 : start;
  const labelEnd = state.md.helpers.parseLinkLabel(state, labelStart, kind === 'link');
  const rest = labelEnd < 0 ? '' : state.src.slice(labelEnd + 1, end);
  const line = lineAt(state, start);
  if (rest.startsWith('(')) {
    const tok = pushed(state, tokensBefore, kind === 'image' ? 'image' : 'link_open');
    const href = tok?.attrGet(kind === 'image' ? 'src' : 'href');
    if (href !== null && href !== undefined) env.out.links.push({ kind, href, line });
    return;
  }
  const text = labelEnd < 0 ? '' : state.src.slice(labelStart + 1, labelEnd);
  const label = rest.length > 2 ? rest.slice(1, -1) : text;
  env.out.references.push({ label: normalizeReference(label), line, kind, defined: true });
}

/** A `[text][label]` / `[label][]` that did not parse as a link: its label has no definition. */
function recordUndefined(state: StateInline, start: number): void {
  const src = state.src;
  // `a[0][1]` in prose is an index, not a reference.
  if (start > 0 && /[\w\])]/.test(src[start - 1]!)) return;
  const labelEnd = state.md.helpers.parseLinkLabel(state, start, true);
  if (labelEnd < 0 || src.charCodeAt(labelEnd + 1) !== 0x5b /* [ */) return;
  const close = src.indexOf(']', labelEnd + 2);
  if (close < 0) return;
  const inner = src.slice(labelEnd + 2, close);
  if (inner.includes('[')) return;
  const label = normalizeReference(inner === '' ? src.slice(start + 1, labelEnd) : inner);
  if (label === '') return;
  (state.env as Env).out.references.push({ label, line: lineAt(state, start), kind: 'link', defined: false });
}

md.inline.ruler.at('link', (state, silent) => {
  const start = state.pos;
  const before = state.tokens.length;
  const ok = linkRule(state, silent);
  if (!silent) {
    if (ok) recordLink(state, start, before, 'link');
    else if (state.src.charCodeAt(start) === 0x5b) recordUndefined(state, start);
  }
  return ok;
});

md.inline.ruler.at('image', (state, silent) => {
  const start = state.pos;
  const before = state.tokens.length;
  const ok = imageRule(state, silent);
  if (ok && !silent) recordLink(state, start, before, 'image');
  return ok;
});

/** Wrap inline rule `name`: when it parses (not silently), hand the first `type` token it pushed and its line to `record`. */
function onInlineToken(name: string, type: string, record: (env: Env, tok: Token, line: number) => void): void {
  const rule = original(md.inline.ruler as unknown as RuleList<InlineRule>, name);
  md.inline.ruler.at(name, (state, silent) => {
    const start = state.pos;
    const before = state.tokens.length;
    const ok = rule(state, silent);
    if (ok && !silent) {
      const tok = pushed(state, before, type);
      if (tok) record(state.env as Env, tok, lineAt(state, start));
    }
    return ok;
  });
}

onInlineToken('autolink', 'link_open', (env, tok, line) => {
  const href = tok.attrGet('href');
  if (href && !href.startsWith('mailto:')) env.out.links.push({ kind: 'link', href, line });
});
onInlineToken('backticks', 'code_inline', (env, tok, line) => env.out.inlineCode.push({ text: tok.content, line }));
onInlineToken('html_inline', 'html_inline', (env, tok, line) => addHtml(env, tok.content, line));

const referenceRule = original(md.block.ruler as unknown as RuleList<BlockRule>, 'reference');
md.block.ruler.at('reference', (state, startLine, endLine, silent) => {
  const ok = referenceRule(state, startLine, endLine, silent);
  if (ok && !silent) {
    const from = state.bMarks[startLine]! + state.tShift[startLine]!;
    const text = state.src.slice(from, state.eMarks[Math.max(startLine, state.line - 1)]);
    const m = /^\[((?:[^[\]\\]|\\.)+)\]:\s*(<[^>\n]*>|\S+)/.exec(text);
    if (m) {
      const href = m[2]!.startsWith('<') ? m[2]!.slice(1, -1) : m[2]!;
      (state.env as Env).out.definitions.push({ label: normalizeReference(m[1]!), href, line: startLine + 1 });
    }
  }
  return ok;
});

function addHtml(env: Env, html: string, line: number): void {
  const found = htmlAnchorsAndLinks(html);
  env.out.htmlAnchors.push(...found.anchors);
  for (const l of found.links) env.out.links.push({ kind: l.kind, href: l.href, line: line + l.lineOffset });
}

/**
 * Sections a tool writes and rewrites (all-contributors tables, doctoc and markdown-magic tables of contents, any
 * `<!-- ...GENERATED...START -->` pair): nobody fixes them by hand, so no finding inside them is reported.
 */
const GENERATED_START = /<!--\s*(?:ALL-CONTRIBUTORS-(?:LIST|BADGE):START|START doctoc|AUTO-GENERATED-CONTENT:START|BEGIN[ _-]GENERATED|[\w-]*GENERATED[\w-]*[ _:-]START)\b/i;
const GENERATED_END = /<!--\s*(?:ALL-CONTRIBUTORS-(?:LIST|BADGE):END|END doctoc|AUTO-GENERATED-CONTENT:END|END[ _-]GENERATED|[\w-]*GENERATED[\w-]*[ _:-]END)\b/i;

/** Line ranges (1-based, inclusive) of generated sections; an unclosed one runs to the end of the file. */
export function generatedSections(source: string): { from: number; to: number }[] {
  if (!/GENERATED|ALL-CONTRIBUTORS|doctoc/i.test(source)) return [];
  const out: { from: number; to: number }[] = [];
  const lines = source.split('\n');
  let from: number | undefined;
  for (const [i, line] of lines.entries()) {
    if (from === undefined && GENERATED_START.test(line)) from = i + 1;
    else if (from !== undefined && GENERATED_END.test(line)) {
      out.push({ from, to: i + 1 });
      from = undefined;
    }
  }
  if (from !== undefined) out.push({ from, to: lines.length });
  return out;
}

// `<!-- gonogo-docs-ignore -->` or `<!-- gonogo-docs-ignore docs.code-syntax -->` before a block.
const IGNORE = /<!--\s*gonogo-docs-ignore\b([^>]*?)-->/;

/** Text content of a heading as GitHub computes its anchor: text and code, no images or tags. */
function headingText(inline: Token): string {
  let text = '';
  for (const c of inline.children ?? []) {
    if (c.type === 'text' || c.type === 'code_inline' || c.type === 'text_special') text += c.content;
    else if (c.type === 'softbreak' || c.type === 'hardbreak') text += ' ';
  }
  return text;
}

export function parseMarkdown(source: string): ParsedDoc {
  const out: Extracted = { links: [], definitions: [], references: [], inlineCode: [], htmlAnchors: [] };
  const env: Env = { blockLine: 0, nlPos: 0, nlCount: 0, nlSrc: '', out };
  const tokens = md.parse(source, env);
  const generated = generatedSections(source);
  const doc: ParsedDoc = { ...out, headings: [], codeBlocks: [], texts: [], tableCells: [], ignores: generated.map((g) => ({ ...g, generated: true })) };
  let ignoreNext: string[] | undefined | null = null;
  let rowLine = 0;
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    const line = tok.map ? tok.map[0] + 1 : 0;
    if (ignoreNext !== null && tok.map && tok.level === 0 && tok.type !== 'html_block') {
      doc.ignores.push({ from: line, to: tok.map[1], ...(ignoreNext && { rules: ignoreNext }) });
      ignoreNext = null;
    }
    switch (tok.type) {
      case 'heading_open': {
        const inline = tokens[i + 1];
        if (inline?.type === 'inline') doc.headings.push({ level: Number(tok.tag.slice(1)), text: headingText(inline), line });
        break;
      }
      case 'fence':
        doc.codeBlocks.push({ lang: (tok.info.trim().split(/[\s{]/)[0] ?? '').toLowerCase(), content: tok.content, fenceLine: line, fenced: true });
        break;
      case 'code_block':
        // Indented code: its content starts on the block's first line, so fenceLine is one above.
        doc.codeBlocks.push({ lang: '', content: tok.content, fenceLine: line - 1, fenced: false });
        break;
      case 'html_block': {
        const directive = IGNORE.exec(tok.content);
        if (directive) ignoreNext = directive[1]?.trim() ? directive[1].trim().split(/[\s,]+/) : undefined;
        addHtml(env, tok.content, line);
        break;
      }
      case 'tr_open':
        rowLine = line;
        break;
      case 'inline':
        // Table cells carry no line of their own: their row's.
        if (tok.map) doc.texts.push({ text: tok.content, line });
        else if (rowLine > 0) doc.tableCells.push({ text: tok.content, line: rowLine });
        break;
    }
  }
  // Reference-style links resolve to their definition's destination: check it once, where it is defined.
  const usedAs = new Map<string, LinkKind>();
  for (const r of out.references) if (r.defined && !usedAs.has(r.label)) usedAs.set(r.label, r.kind);
  const seen = new Set<string>();
  for (const d of out.definitions) {
    if (seen.has(d.label)) continue;
    seen.add(d.label);
    doc.links.push({ kind: usedAs.get(d.label) ?? 'link', href: d.href, line: d.line, fromDefinition: d.label });
  }
  doc.links.sort((a, b) => a.line - b.line);
  return doc;
}
