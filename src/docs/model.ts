/** What the Markdown extractor finds in one file; every line is 1-based in that file. */

export type LinkKind = 'link' | 'image';

/** A link or image destination as written (not percent-encoded), with where it was written. */
export interface DocLink {
  kind: LinkKind;
  href: string;
  line: number;
  /** Set when the destination comes from a reference definition (`[label]: href`). */
  fromDefinition?: string;
}

export interface Heading {
  level: number;
  /** Text content as GitHub renders it (code spans included, markup and images left out). */
  text: string;
  line: number;
}

/** `[label]: href` — the label normalised the way CommonMark matches references. */
export interface Definition {
  label: string;
  href: string;
  line: number;
}

/** A full or collapsed reference (`[text][label]`, `[label][]`) in the text. */
export interface ReferenceUse {
  label: string;
  line: number;
  kind: LinkKind;
  /** False when no definition matched (the text then stays literal). */
  defined: boolean;
}

export interface CodeBlock {
  /** First word of the info string, lower-cased; '' when the fence has none. */
  lang: string;
  content: string;
  /** Line of the opening fence; content line k is at `fenceLine + k`. */
  fenceLine: number;
  /** False for indented code blocks, which cannot carry a language. */
  fenced: boolean;
}

export interface InlineCode {
  text: string;
  line: number;
}

export interface ParsedDoc {
  headings: Heading[];
  /** Explicit anchors: `<a name="x">`, `id="x"` on any HTML element. */
  htmlAnchors: string[];
  links: DocLink[];
  definitions: Definition[];
  references: ReferenceUse[];
  codeBlocks: CodeBlock[];
  inlineCode: InlineCode[];
  /** Inline content of each block with its first line (for version mentions). */
  texts: InlineCode[];
  /** Inline content of each table cell, at its row's line (prose for the terminology check). */
  tableCells: InlineCode[];
  /** Lines where `<!-- gonogo-docs-ignore [rule ids] -->` silences findings (the block after it). */
  ignores: IgnoreRange[];
}

export interface IgnoreRange {
  from: number;
  to: number;
  /** Only these rule ids; every rule when absent. */
  rules?: string[];
  /** A generated section (all-contributors, doctoc, …) rather than a gonogo-docs-ignore comment. */
  generated?: boolean;
}
